using nietras.SeparatedValues;
using ReturningAi.Contracts.Jobs;

namespace ReturningAi.Csv;

/// <summary>
/// The records of a CSV file in file order, the header first, each with the line it starts on (header = 1) and
/// its cells as written (unquoted, untrimmed); blank lines are skipped. Sep parses (RFC 4180, LF or CRLF, BOM);
/// a file Sep refuses throws <see cref="CsvFileException"/>. Lazy: one record at a time is held. Records travel between
/// services as <see cref="CsvRowLines"/> (<see cref="ToLines"/>, <see cref="FromLines"/>).
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<CsvRowCells> Read(ReadOnlyMemory<byte> file)
    {
        using var stream = new ReadOnlyMemoryStream(file);
        foreach (var record in Read(stream)) yield return record;
    }

    /// <summary>The records of a file read from <paramref name="file"/> as they are needed (the stream stays the caller's).</summary>
    public static IEnumerable<CsvRowCells> Read(Stream file) => Read(() => Reader().From(file), keepBlank: false);

    /// <summary>Records as one CSV line each, with their lines in the file, for a chunk's message.</summary>
    public static CsvRowLines ToLines(IReadOnlyCollection<CsvRowCells> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new([.. records.Select(r => r.Row)], [.. records.Select(r => string.Join(',', r.Cells.Select(CsvText.Quote)))]);
    }

    /// <summary>
    /// The records of <see cref="ToLines"/> as they were; lines that are no CSV throw <see cref="CsvFileException"/>, lines
    /// that hold more or fewer records than rows <see cref="InvalidDataException"/>.
    /// </summary>
    public static IReadOnlyList<CsvRowCells> FromLines(CsvRowLines lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Lines.Count == 0 && lines.Rows.Count == 0) return [];
        var text = string.Join('\n', lines.Lines);
        var records = Read(() => Reader().FromText(text), keepBlank: true).ToList();
        if (records.Count != lines.Rows.Count || lines.Lines.Count != lines.Rows.Count)
        {
            throw new InvalidDataException($"{lines.Lines.Count} lines hold {records.Count} records for {lines.Rows.Count} rows.");
        }

        return [.. records.Select((record, i) => record with { Row = lines.Rows[i] })];
    }

    private static IEnumerable<CsvRowCells> Read(Func<SepReader> open, bool keepBlank)
    {
        using var reader = Open(open);
        var header = true;
        while (true)
        {
            CsvRowCells? record;
            try
            {
                if (!reader.MoveNext()) yield break;
                record = ToRecord(reader.Current, header || keepBlank);
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidDataException or NotSupportedException)
            {
                throw new CsvFileException("The file is not a readable CSV file.", exception);
            }

            if (record is null) continue;
            header = false;
            yield return record;
        }
    }

    // The header is read as a record: Sep throws on repeated names instead of reporting them.
    private static SepReaderOptions Reader() => Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = false });

    private static SepReader Open(Func<SepReader> open)
    {
        try
        {
            return open();
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidDataException or NotSupportedException)
        {
            throw new CsvFileException("The file is not a readable CSV file.", exception);
        }
    }

    private static CsvRowCells? ToRecord(SepReader.Row row, bool keep)
    {
        var cells = new string[row.ColCount];
        var any = false;
        for (var i = 0; i < row.ColCount; i++)
        {
            cells[i] = row[i].ToString();
            any |= !string.IsNullOrWhiteSpace(cells[i]);
        }

        // A header is a header even when blank (then the file is reported as such); blank data lines are skipped.
        return any || keep ? new CsvRowCells(row.LineNumberFrom, cells) : null;
    }
}
