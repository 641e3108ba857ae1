using System.Buffers;

namespace ReturningAi.ServiceDefaults.Http;

/// <summary>
/// The characters no text field accepts: the C0 controls other than tab, line feed and carriage
/// return (NUL among them, which PostgreSQL cannot store), and DEL. They are never meant in a name,
/// a code or a description, and make logs and CSV exports unsafe to read.
/// </summary>
public static class TextCharacters
{
    private static readonly SearchValues<char> Disallowed = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), '\u007f']);

    public const string Rule = "must not contain control characters";

    public static bool AreAllowed(ReadOnlySpan<char> text) => !text.ContainsAny(Disallowed);
}
