using System.Text;

namespace ReturningAi.ServiceDefaults.Data;

/// <summary>
/// Readable names are stored trimmed and in Unicode NFC, so that one name has one spelling
/// (a precomposed "é" and "e" + U+0301 are the same name); they are unique per community and
/// resolve case-insensitively after trimming.
/// </summary>
public static class NameKey
{
    /// <summary>A name as it is stored and shown.</summary>
    public static string Canonical(string name) => name.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>The key a name is compared by.</summary>
    public static string Normalize(string name) => Canonical(name).ToUpperInvariant();

    /// <summary>
    /// Fails the start of a process in which normalization would silently do nothing (invariant
    /// globalization, or no ICU on the machine), rather than let it store names in two spellings.
    /// </summary>
    public static void EnsureNormalizationWorks()
    {
        if ("e\u0301".Normalize(NormalizationForm.FormC) != "\u00e9")
        {
            throw new InvalidOperationException(
                "Unicode normalization is unavailable: run with InvariantGlobalization=false on a machine with ICU (libicu).");
        }
    }
}
