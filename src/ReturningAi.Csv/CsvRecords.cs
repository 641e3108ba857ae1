using nietras.SeparatedValues;
using ReturningAi.Contracts.Jobs;

namespace ReturningAi.Csv;

/// <summary>
/// The records of a CSV file in file order, the header first, each with the line it starts on (header = 1) and
/// its cells as written (unquoted, untrimmed); blank lines are skipped. Sep parses (RFC 4180, LF or CRLF, BOM);
/// a file Sep refuses throws <see cref="CsvFileException"/>. Lazy: one record at a time is held.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<CsvRowCells> Read(ReadOnlyMemory<byte> file)
    {
        using var stream = new ReadOnlyMemoryStream(file);
        using var reader = Open(stream);
        var header = true;
        while (true)
        {
            CsvRowCells? record;
            try
            {
                if (!reader.MoveNext()) yield break;
                record = ToRecord(reader.Current, header);
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

    private static SepReader Open(Stream stream)
    {
        try
        {
            // The header is read as a record: Sep throws on repeated names instead of reporting them.
            return Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = false }).From(stream);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidDataException or NotSupportedException)
        {
            throw new CsvFileException("The file is not a readable CSV file.", exception);
        }
    }

    private static CsvRowCells? ToRecord(SepReader.Row row, bool header)
    {
        var cells = new string[row.ColCount];
        var any = false;
        for (var i = 0; i < row.ColCount; i++)
        {
            cells[i] = row[i].ToString();
            any |= !string.IsNullOrWhiteSpace(cells[i]);
        }

        // A header is a header even when blank (then the file is reported as such); blank data lines are skipped.
        return any || header ? new CsvRowCells(row.LineNumberFrom, cells) : null;
    }
}
