using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReturningAi.ServiceDefaults.Messaging;

/// <summary>
/// Reads a message's short strings through a small direct-mapped cache, so that a value repeated many times
/// (a command at the permission bounds names a few hundred roles 1.6 million times, and so does its reply)
/// becomes one string instead of one per occurrence. Distinct values (voucher codes) only pass through it;
/// its memory is fixed (one slot each of <see cref="Slots"/>), and a race between threads costs a miss, never
/// a wrong value: a cached string is returned only when it equals the text read.
/// </summary>
public sealed class DeduplicatingStringConverter : JsonConverter<string>
{
    private const int Slots = 4096;
    private const int MaxLength = 64;
    private readonly string?[] _slots = new string?[Slots];

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence
            || reader.ValueSpan.Length > MaxLength || !Ascii.IsValid(reader.ValueSpan))
        {
            return reader.GetString();
        }

        var text = reader.ValueSpan;
        var hash = new HashCode();
        hash.AddBytes(text);
        var slot = (int)((uint)hash.ToHashCode() % Slots);
        var cached = Volatile.Read(ref _slots[slot]);
        if (cached is not null && Ascii.Equals(text, cached)) return cached;

        var value = reader.GetString()!;
        Volatile.Write(ref _slots[slot], value);
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
