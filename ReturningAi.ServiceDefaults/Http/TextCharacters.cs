using System.Buffers;
using System.Globalization;
using System.Text;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>
/// The characters no text field accepts: the C0 controls other than tab, line feed and carriage
/// return (NUL among them, which PostgreSQL cannot store), and DEL. They are never meant in a name,
/// a code or a description, and make logs and CSV exports unsafe to read. Names are stricter still:
/// no control character at all, and no invisible format character (general category Cf: zero-width
/// spaces, bidirectional overrides, the BOM), which would let two names look the same and differ.
/// </summary>
public static class TextCharacters
{
    private static readonly SearchValues<char> Disallowed = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), '\u007f']);

    public const string Rule = "must not contain control characters";

    public const string NameRule = "must not contain control characters or invisible format characters (such as U+200B, U+202E or U+FEFF)";

    public static bool AreAllowed(ReadOnlySpan<char> text) => !text.ContainsAny(Disallowed);

    public static bool AreAllowedInName(ReadOnlySpan<char> text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format) return false;
        }

        return true;
    }
}
