using System.Collections;

namespace ReturningAi.Contracts.Products;

/// <summary>
/// One product's voucher codes as one text and the range of each code in it, instead of one string per code: the
/// largest legal import carries about a million codes, and as strings (with their lists) they were the largest
/// part of both the gateway's and the store's memory (bench/README.md). A code becomes a string only when it is
/// read as one; <see cref="CodeAt"/> reads it without.
/// </summary>
public sealed class VoucherCodes : IReadOnlyList<string>
{
    private readonly string _text;

    // Start and length of code i at [2i] and [2i + 1].
    private readonly int[] _ranges;

    private VoucherCodes(string text, int[] ranges, int count)
    {
        _text = text;
        _ranges = ranges;
        Count = count;
    }

    public static VoucherCodes Empty { get; } = new("", [], 0);

    public int Count { get; }

    public string this[int index] => CodeAt(index).ToString();

    /// <summary>Code <paramref name="index"/> without making a string of it.</summary>
    public ReadOnlySpan<char> CodeAt(int index) => MemoryAt(index).Span;

    /// <summary>Code <paramref name="index"/> as memory over the shared text (what a COPY writes).</summary>
    public ReadOnlyMemory<char> MemoryAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return _text.AsMemory(_ranges[2 * index], _ranges[(2 * index) + 1]);
    }

    /// <summary>
    /// The codes of a delimited cell, as <c>cell.Split(separator, TrimEntries | RemoveEmptyEntries)</c> would give
    /// them, over the cell itself.
    /// </summary>
    public static VoucherCodes Split(string cell, char separator)
    {
        var ranges = new List<int>();
        var span = cell.AsSpan();
        foreach (var range in span.Split(separator))
        {
            var (offset, length) = range.GetOffsetAndLength(cell.Length);
            var piece = span.Slice(offset, length);
            var trimmedStart = piece.Length - piece.TrimStart().Length;
            var trimmed = piece.Trim();
            if (trimmed.Length == 0) continue;
            ranges.Add(offset + trimmedStart);
            ranges.Add(trimmed.Length);
        }

        return ranges.Count == 0 ? Empty : new VoucherCodes(cell, [.. ranges], ranges.Count / 2);
    }

    /// <summary>Codes collected one after another into one buffer (<see cref="Builder"/>).</summary>
    public static VoucherCodes From(IEnumerable<string> codes)
    {
        var builder = new Builder();
        foreach (var code in codes) builder.Add(code);
        return builder.Build();
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Appends codes to one growing text; <see cref="Build"/> gives the list.</summary>
    public sealed class Builder
    {
        private char[] _text = new char[256];
        private int[] _ranges = new int[32];
        private int _length;
        private int _count;

        /// <summary>Room for a code of at most <paramref name="maxLength"/> characters, to be written and then <see cref="Commit"/>ted.</summary>
        public Span<char> Reserve(int maxLength)
        {
            if (_text.Length - _length < maxLength) Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + maxLength));
            return _text.AsSpan(_length, maxLength);
        }

        /// <summary>The code of <paramref name="length"/> characters just written into the reserved room.</summary>
        public void Commit(int length)
        {
            if (_ranges.Length < (2 * _count) + 2) Array.Resize(ref _ranges, _ranges.Length * 2);
            _ranges[2 * _count] = _length;
            _ranges[(2 * _count) + 1] = length;
            _length += length;
            _count++;
        }

        public void Add(ReadOnlySpan<char> code)
        {
            code.CopyTo(Reserve(code.Length));
            Commit(code.Length);
        }

        public VoucherCodes Build() => _count == 0 ? Empty : new VoucherCodes(new string(_text, 0, _length), _ranges[..(2 * _count)], _count);
    }
}
