using Rapport.Core.Accounts;

namespace Rapport.Core.Import.Rules;

/// <summary>A contact as read from a file row or an API request (docs/import.md#columns, contacts); null means "not given".</summary>
public sealed record ContactInput
{
    public string? ExternalId { get; init; }
    public string? AccountExternalId { get; init; }
    public string? LastName { get; init; }
    public string? FirstName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? JobTitle { get; init; }
    public string? Department { get; init; }
    public BuyingRole? BuyingRole { get; init; }
    public bool? Active { get; init; }
    public bool? ConsentSurveys { get; init; }
    public bool? ConsentMarketing { get; init; }
}

/// <summary>
/// Row rules for contacts: required external_id, account_external_id and last_name, e-mail format, buying_role text,
/// yes/no active and consent flags. The account reference is checked against the database by the caller.
/// </summary>
public static class ContactRules
{
    public const int ExternalId = 0, AccountExternalId = 1, LastName = 2, FirstName = 3, Email = 4, Phone = 5, JobTitle = 6,
        Department = 7, BuyingRole = 8, Active = 9, ConsentSurveys = 10, ConsentMarketing = 11;

    /// <summary>The CSV columns (docs/import.md#columns) of contacts.</summary>
    public static readonly EntitySchema Schema = new("contacts",
    [
        new("external_id", true), new("account_external_id", true), new("last_name", true), new("first_name", false),
        new("email", false), new("phone", false), new("job_title", false), new("department", false), new("buying_role", false),
        new("active", false), new("consent_surveys", false), new("consent_marketing", false),
    ]);

    /// <summary>Parses raw texts and applies all rules.</summary>
    public static RuleResult<ContactInput> Parse(IFieldValues values, ValueFormat? format = null)
    {
        var r = new RecordReader(Schema, values, format ?? ValueFormat.Default);
        var input = new ContactInput
        {
            ExternalId = r.Id(ExternalId, required: true),
            AccountExternalId = r.Id(AccountExternalId, required: true),
            LastName = r.Text(LastName, required: true),
            FirstName = r.Text(FirstName),
            Email = r.Email(Email),
            Phone = r.Text(Phone),
            JobTitle = r.Text(JobTitle),
            Department = r.Text(Department),
            BuyingRole = r.Enum<Accounts.BuyingRole>(BuyingRole),
            Active = r.Boolean(Active),
            ConsentSurveys = r.Boolean(ConsentSurveys),
            ConsentMarketing = r.Boolean(ConsentMarketing),
        };
        Validate(input, r.ErrorList);
        return new RuleResult<ContactInput>(input, r.Errors);
    }

    /// <summary>Applies the rules to typed input (e.g. a deserialised API request).</summary>
    public static IReadOnlyList<FieldError> Validate(ContactInput input)
    {
        var errors = new List<FieldError>();
        Validate(input, errors);
        return errors;
    }

    private static void Validate(ContactInput input, List<FieldError> errors)
    {
        Rule.Required(errors, "external_id", input.ExternalId);
        Rule.Required(errors, "account_external_id", input.AccountExternalId);
        Rule.Required(errors, "last_name", input.LastName);
        Rule.Email(errors, "email", input.Email);
        Rule.Enum(errors, "buying_role", input.BuyingRole);
    }
}
