using System.Text;

namespace ReturningAi.Csv;

/// <summary>Where a file stops being UTF-8, as a spreadsheet user can find it: the line.</summary>
public static class Utf8Lines
{
    /// <summary>The 1-based line of the first byte sequence that is not UTF-8, or null when the whole file is.</summary>
    public static int? FirstInvalidLine(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done) break;
            offset += consumed;
        }

        return bytes[..offset].Count((byte)'\n') + 1;
    }
}
