using Rapport.Core.Accounts;

namespace Rapport.Core.Import.Rules;

/// <summary>An account as read from a file row or an API request (docs/import.md#columns, accounts); null means "not given".</summary>
public sealed record AccountInput
{
    public string? ExternalId { get; init; }
    public string? Name { get; init; }
    public string? Industry { get; init; }
    public string? Country { get; init; }
    public string? Region { get; init; }
    public int? Employees { get; init; }
    public BusinessType? BusinessType { get; init; }
    public AcquisitionChannel? AcquisitionChannel { get; init; }
    public DateOnly? AcquiredOn { get; init; }
    public decimal? AcquisitionCost { get; init; }
    public bool? KeyAccount { get; init; }
    public string? OwnerEmail { get; init; }
    public string? ParentExternalId { get; init; }
}

/// <summary>
/// Row rules for accounts: required external_id and name, enum texts, ISO dates, non-negative employees and
/// acquisition cost, yes/no key_account, owner_email as an e-mail address, an account not its own parent.
/// References (owner, parent) are checked against the database by the caller.
/// </summary>
public static class AccountRules
{
    public const int ExternalId = 0, Name = 1, Industry = 2, Country = 3, Region = 4, Employees = 5, BusinessType = 6,
        AcquisitionChannel = 7, AcquiredOn = 8, AcquisitionCost = 9, KeyAccount = 10, OwnerEmail = 11, ParentExternalId = 12;

    /// <summary>The CSV columns (docs/import.md#columns) of accounts.</summary>
    public static readonly EntitySchema Schema = new("accounts",
    [
        new("external_id", true), new("name", true), new("industry", false), new("country", false), new("region", false),
        new("employees", false), new("business_type", false), new("acquisition_channel", false), new("acquired_on", false),
        new("acquisition_cost", false), new("key_account", false), new("owner_email", false), new("parent_external_id", false),
    ]);

    /// <summary>Parses raw texts and applies all rules.</summary>
    public static RuleResult<AccountInput> Parse(IFieldValues values, ValueFormat? format = null)
    {
        var r = new RecordReader(Schema, values, format ?? ValueFormat.Default);
        var input = new AccountInput
        {
            ExternalId = r.Id(ExternalId, required: true),
            Name = r.Text(Name, required: true),
            Industry = r.Text(Industry),
            Country = r.Text(Country),
            Region = r.Text(Region),
            Employees = r.Integer(Employees),
            BusinessType = r.Enum<Accounts.BusinessType>(BusinessType),
            AcquisitionChannel = r.Enum<Accounts.AcquisitionChannel>(AcquisitionChannel),
            AcquiredOn = r.Date(AcquiredOn),
            AcquisitionCost = r.Number(AcquisitionCost),
            KeyAccount = r.Boolean(KeyAccount),
            OwnerEmail = r.Email(OwnerEmail),
            ParentExternalId = r.Id(ParentExternalId),
        };
        Validate(input, r.ErrorList);
        return new RuleResult<AccountInput>(input, r.Errors);
    }

    /// <summary>Applies the rules to typed input (e.g. a deserialised API request).</summary>
    public static IReadOnlyList<FieldError> Validate(AccountInput input)
    {
        var errors = new List<FieldError>();
        Validate(input, errors);
        return errors;
    }

    private static void Validate(AccountInput input, List<FieldError> errors)
    {
        Rule.Required(errors, "external_id", input.ExternalId);
        Rule.Required(errors, "name", input.Name);
        Rule.NonNegative(errors, "employees", input.Employees);
        Rule.Enum(errors, "business_type", input.BusinessType);
        Rule.Enum(errors, "acquisition_channel", input.AcquisitionChannel);
        Rule.NonNegative(errors, "acquisition_cost", input.AcquisitionCost);
        Rule.Fits(errors, "acquisition_cost", input.AcquisitionCost, 14, 2);
        Rule.Email(errors, "owner_email", input.OwnerEmail);
        if (input.ParentExternalId is not null && input.ParentExternalId.Length > CellRules.MaxIdLength)
        {
            Rule.Add(errors, "parent_external_id", CellRules.LengthMessage(CellRules.MaxIdLength));
        }
        if (input.ParentExternalId is not null && input.ExternalId is not null
            && string.Equals(input.ParentExternalId.Trim(), input.ExternalId.Trim(), StringComparison.Ordinal))
        {
            Rule.Add(errors, "parent_external_id", "an account cannot be its own parent");
        }
    }
}
