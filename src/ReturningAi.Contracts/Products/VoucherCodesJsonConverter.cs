using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReturningAi.Contracts.Products;

/// <summary>
/// A product's voucher codes on the bus: a JSON array of strings as before, read into one <see cref="VoucherCodes"/>
/// (one text, no string per code) and written from one without making strings of its codes.
/// </summary>
public sealed class VoucherCodesJsonConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("Voucher codes must be a JSON array of strings.");

        var codes = new VoucherCodes.Builder();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("Voucher codes must be a JSON array of strings.");
            // UTF-8 or escaped, the text is never fewer bytes than the characters it reads as.
            var room = codes.Reserve(reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length);
            codes.Commit(reader.CopyString(room));
        }

        return codes.Build();
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        if (value is VoucherCodes codes)
        {
            for (var i = 0; i < codes.Count; i++) writer.WriteStringValue(codes.CodeAt(i));
        }
        else
        {
            foreach (var code in value) writer.WriteStringValue(code);
        }

        writer.WriteEndArray();
    }
}
