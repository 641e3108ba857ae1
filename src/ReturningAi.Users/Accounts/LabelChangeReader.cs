using System.Text.Json;
using ReturningAi.Contracts.Http;
using ReturningAi.ServiceDefaults.Data;
using ReturningAi.ServiceDefaults.Http;

namespace ReturningAi.Users.Accounts;

/// <summary>Reads <c>{add, remove}</c> or <c>{set}</c> for a user's roles or tags (users.md U3).</summary>
public static class LabelChangeReader
{
    public const int MaxNames = 1000;

    public static LabelChange? Read(JsonElement body, List<ErrorItem> errors)
    {
        var before = errors.Count;
        var fields = new JsonFields(body, errors);
        var add = ReadNames(fields, "add");
        var remove = ReadNames(fields, "remove");
        var set = ReadNames(fields, "set");
        if (set is not null && (add is not null || remove is not null))
        {
            fields.Add("conflicting_change", "set", "Send either set, or add and remove, not both.");
        }
        else if (set is null && add is null && remove is null)
        {
            fields.Add("required", "add", "Send add and/or remove (names), or set (the whole list).");
        }

        if (add is not null && remove is not null)
        {
            var added = add.Select(NameKey.Normalize).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < remove.Count; i++)
            {
                if (added.Contains(NameKey.Normalize(remove[i])))
                {
                    fields.Add("conflicting_change", $"remove[{i}]", $"'{remove[i]}' is both added and removed.");
                }
            }
        }

        return errors.Count > before ? null : new LabelChange(add ?? [], remove ?? [], set);
    }

    private static IReadOnlyList<string>? ReadNames(JsonFields fields, string name)
    {
        var names = fields.ReadStringArray(name, required: false, trim: true);
        if (names is null) return null;
        // A user holds at most 100 of each (409 when a change would exceed it); this bounds the request's work.
        if (names.Count > MaxNames)
        {
            fields.Add("too_many_items", name, $"{name} may hold at most {MaxNames} names; it has {names.Count}.");
            return null;
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Length == 0) fields.Add("invalid_length", $"{name}[{i}]", $"{name}[{i}] must not be empty.");
        }

        return names;
    }
}
