using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReturningAi.Community.Infrastructure;
using ReturningAi.Community.Model;
using ReturningAi.Contracts.Events;
using ReturningAi.Contracts.Http;
using ReturningAi.Contracts.Members;
using ReturningAi.Messaging;
using ReturningAi.ServiceDefaults.Identity;
using ReturningAi.Users;
using ReturningAi.Users.Fields;

namespace ReturningAi.Community.Members;

/// <summary>
/// Creates, changes and deletes custom field definitions (users.md U5) under the field's lock, so that
/// value writes (which share-lock the field) never see a half-changed definition: a type change or an
/// option removal is refused while values use them, turning <c>isUnique</c> on over duplicates is refused,
/// and a delete takes the values and history with it.
/// </summary>
internal static class UserFieldDefinitions
{
    public static string Source(string fieldId) => $"user-field:{fieldId}";

    public static async Task<UserField> CreateAsync(CommunityDbContext db, string communityId, JsonElement body, CreatorInfo creator,
        CancellationToken cancellationToken)
    {
        var errors = new List<ErrorItem>();
        var definition = UserFieldDefinitionReader.Read(body, null, errors) ?? throw RefusedException.Invalid(errors);

        // One field creation at a time per community: the count below stays true until the commit.
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM communities WHERE id = {communityId}::bpchar FOR UPDATE", cancellationToken);
        if (await db.UserFields.CountAsync(f => f.CommunityId == communityId, cancellationToken) >= UserFields.MaxPerCommunity)
        {
            throw RefusedException.Conflict("too_many_fields", $"A community has at most {UserFields.MaxPerCommunity} user fields.", null);
        }

        var key = UserFieldKeys.Comparable(definition.Key);
        if (await db.UserFields.AnyAsync(f => f.CommunityId == communityId && f.NormalizedKey == key, cancellationToken))
        {
            throw RefusedException.Conflict("duplicate_name", $"A user field '{definition.Key}' already exists (keys are compared case-insensitively).", "field");
        }

        var now = await DatabaseClock.NowAsync(db, cancellationToken);
        var field = new UserField
        {
            Id = ObjectIds.New(),
            CommunityId = communityId,
            Key = definition.Key,
            NormalizedKey = key,
            Name = definition.Name,
            Type = definition.Type,
            Creator = creator,
            Version = 1,
            CreatedAt = now,
        };
        Apply(field, definition, now);
        db.UserFields.Add(field);
        Announce(db, field, deleted: false);
        return field;
    }

    public static async Task<UserField> UpdateAsync(CommunityDbContext db, string fieldId, JsonElement body, CancellationToken cancellationToken)
    {
        var field = await UserFields.LockAsync(db, fieldId, cancellationToken) ?? throw RefusedException.NotFound("The user field");
        var errors = new List<ErrorItem>();
        var definition = UserFieldDefinitionReader.Read(body, UserFields.Definition(field), errors) ?? throw RefusedException.Invalid(errors);

        var values = db.UserFieldValues.Where(v => v.FieldId == field.Id);
        if (definition.Type != field.Type && await values.AnyAsync(cancellationToken))
        {
            throw RefusedException.Conflict("field_in_use", $"Users hold values of '{field.Key}'; clear them before changing its type.", "type");
        }

        if (UserFieldTypes.HasOptions(field.Type) && definition.Type == field.Type)
        {
            var removed = field.Options.Where(o => !definition.Options.Contains(o, StringComparer.OrdinalIgnoreCase)).ToArray();
            var held = removed.Length == 0 ? [] : await HeldOptionsAsync(db, field, removed, cancellationToken);
            if (held.Count > 0)
            {
                throw RefusedException.Conflict("option_in_use",
                    $"Users hold the option(s) {string.Join(", ", held)} of '{field.Key}'; change their values before removing them.", "options");
            }
        }

        if (definition.IsUnique && !field.IsUnique) await MakeUniqueAsync(db, field, cancellationToken);
        else if (!definition.IsUnique && field.IsUnique)
        {
            await values.ExecuteUpdateAsync(s => s.SetProperty(v => v.UniqueKey, (string?)null), cancellationToken);
        }

        var now = await DatabaseClock.NowAsync(db, cancellationToken);
        Apply(field, definition, now);
        field.Version++;
        Announce(db, field, deleted: false);
        return field;
    }

    public static async Task<(UserField Field, int Values, int History)> DeleteAsync(CommunityDbContext db, string fieldId, CancellationToken cancellationToken)
    {
        var field = await UserFields.LockAsync(db, fieldId, cancellationToken) ?? throw RefusedException.NotFound("The user field");
        var values = await db.UserFieldValues.CountAsync(v => v.FieldId == field.Id, cancellationToken);
        var history = await db.UserFieldHistory.CountAsync(h => h.FieldId == field.Id, cancellationToken);
        db.UserFields.Remove(field);
        field.Version++;
        Announce(db, field, deleted: true);
        return (field, values, history);
    }

    /// <summary>Which of <paramref name="options"/> some user holds (a select's value is stored upper-cased).</summary>
    private static Task<List<string>> HeldOptionsAsync(CommunityDbContext db, UserField field, string[] options, CancellationToken cancellationToken) =>
        field.Type == UserFieldTypes.Select
            ? db.Database.SqlQueryRaw<string>(
                "SELECT DISTINCT o AS \"Value\" FROM unnest({1}::text[]) o WHERE EXISTS (SELECT 1 FROM user_field_values v WHERE v.field_id = {0}::bpchar AND v.text_value = upper(o))",
                field.Id, options).ToListAsync(cancellationToken)
            : db.Database.SqlQueryRaw<string>(
                "SELECT DISTINCT o AS \"Value\" FROM user_field_values v, unnest(v.option_values) o WHERE v.field_id = {0}::bpchar AND o = ANY({1}::text[])",
                field.Id, options).ToListAsync(cancellationToken);

    /// <summary>
    /// Gives every value its unique key, refusing (409 <c>duplicate_values</c>) when live users share one.
    /// Value writers wait on the field's lock meanwhile, so no duplicate can slip in.
    /// </summary>
    private static async Task MakeUniqueAsync(CommunityDbContext db, UserField field, CancellationToken cancellationToken)
    {
        // The same keys as FieldValue.UniqueKey: text upper-cased (as text_value holds it), numbers without trailing zeros.
        var number = field.Type == UserFieldTypes.Number;
        var duplicates = await (number
            ? db.Database.SqlQuery<string>($"SELECT trim_scale(number_value)::text AS \"Value\" FROM user_field_values WHERE field_id = {field.Id}::bpchar AND user_live GROUP BY 1 HAVING count(*) > 1 LIMIT 20")
            : db.Database.SqlQuery<string>($"SELECT text_value AS \"Value\" FROM user_field_values WHERE field_id = {field.Id}::bpchar AND user_live GROUP BY 1 HAVING count(*) > 1 LIMIT 20"))
            .ToListAsync(cancellationToken);
        if (duplicates.Count > 0)
        {
            throw RefusedException.Conflict("duplicate_values",
                $"Several users hold the same value of '{field.Key}' ({string.Join(", ", duplicates)}); make them unique first.", "isUnique");
        }

        await (number
            ? db.Database.ExecuteSqlAsync($"UPDATE user_field_values SET unique_key = trim_scale(number_value)::text WHERE field_id = {field.Id}::bpchar", cancellationToken)
            : db.Database.ExecuteSqlAsync($"UPDATE user_field_values SET unique_key = text_value WHERE field_id = {field.Id}::bpchar", cancellationToken));
    }

    private static void Apply(UserField field, UserFieldDefinition definition, DateTimeOffset now)
    {
        field.Name = definition.Name;
        field.Description = definition.Description;
        field.Type = definition.Type;
        field.Options = [.. definition.Options];
        field.Required = definition.Required;
        field.IsVisible = definition.IsVisible;
        field.IsEditableByUser = definition.IsEditableByUser;
        field.IsUnique = definition.IsUnique;
        field.DefaultValue = definition.DefaultValue?.Canonical;
        field.UpdatedAt = now;
    }

    private static void Announce(CommunityDbContext db, UserField field, bool deleted) =>
        db.AddEvent(new UserFieldDefinitionChanged(field.CommunityId, UserFields.ToDto(field), deleted, field.Version), Source(field.Id));
}
