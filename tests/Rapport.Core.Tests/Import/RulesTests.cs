using FsCheck;
using FsCheck.Fluent;
using Rapport.Core.Accounts;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Tests.Import;

public sealed class RulesTests
{
    private static FieldValues Values(EntitySchema schema, params (string Name, string? Value)[] fields) =>
        FieldValues.From(schema, fields.Select(f => new KeyValuePair<string, string?>(f.Name, f.Value)));

    private static FieldError Single(IReadOnlyList<FieldError> errors, string field)
    {
        var matching = errors.Where(e => e.Field == field).ToList();
        Assert.Single(matching);
        return matching[0];
    }

    [Fact]
    public void AccountParse_AllColumns_TypedInput()
    {
        var result = AccountRules.Parse(Values(AccountRules.Schema,
            ("external_id", " A-1 "), ("name", "Müller Maschinenbau GmbH"), ("industry", "machinery"), ("country", "DE"),
            ("region", "south"), ("employees", "250"), ("business_type", "plant"), ("acquisition_channel", "trade_fair"),
            ("acquired_on", "2019-04-01"), ("acquisition_cost", "1200.50"), ("key_account", "ja"),
            ("owner_email", "anna@example.com"), ("parent_external_id", "G-1")));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var a = result.Input;
        Assert.Equal("A-1", a.ExternalId);
        Assert.Equal(250, a.Employees);
        Assert.Equal(BusinessType.Plant, a.BusinessType);
        Assert.Equal(AcquisitionChannel.TradeFair, a.AcquisitionChannel);
        Assert.Equal(new DateOnly(2019, 4, 1), a.AcquiredOn);
        Assert.Equal(1200.50m, a.AcquisitionCost);
        Assert.True(a.KeyAccount);
        Assert.Equal("G-1", a.ParentExternalId);
    }

    [Fact]
    public void AccountParse_EmptyName_RequiredError()
    {
        var result = AccountRules.Parse(Values(AccountRules.Schema, ("external_id", "A-1"), ("name", "  ")));
        Assert.Equal("a value is required", Single(result.Errors, "name").Message);
    }

    [Fact]
    public void AccountParse_MissingExternalId_RequiredError()
    {
        var result = AccountRules.Parse(Values(AccountRules.Schema, ("name", "X")));
        Assert.Equal("a value is required", Single(result.Errors, "external_id").Message);
    }

    [Fact]
    public void AccountParse_BadEnum_ListsAllowedValues()
    {
        var result = AccountRules.Parse(Values(AccountRules.Schema, ("external_id", "A"), ("name", "X"), ("business_type", "service")));
        var error = Single(result.Errors, "business_type");
        Assert.Contains("'service'", error.Message, StringComparison.Ordinal);
        Assert.Contains("product, plant, system, supplier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountParse_BadValues_OneErrorPerField()
    {
        var result = AccountRules.Parse(Values(AccountRules.Schema, ("external_id", "A"), ("name", "X"),
            ("employees", "12.5"), ("acquisition_cost", "-3"), ("acquired_on", "31.12.2020"), ("key_account", "maybe"),
            ("owner_email", "anna.example.com"), ("acquisition_channel", "tv")));

        Assert.Contains("whole number", Single(result.Errors, "employees").Message, StringComparison.Ordinal);
        Assert.Contains("must not be negative", Single(result.Errors, "acquisition_cost").Message, StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", Single(result.Errors, "acquired_on").Message, StringComparison.Ordinal);
        Assert.Contains("ja/nein", Single(result.Errors, "key_account").Message, StringComparison.Ordinal);
        Assert.Contains("e-mail", Single(result.Errors, "owner_email").Message, StringComparison.Ordinal);
        Assert.Contains("trade_fair", Single(result.Errors, "acquisition_channel").Message, StringComparison.Ordinal);
        Assert.Equal(6, result.Errors.Count);
    }

    [Fact]
    public void AccountParse_OwnParent_Error()
    {
        var result = AccountRules.Parse(Values(AccountRules.Schema, ("external_id", "A"), ("name", "X"), ("parent_external_id", "A")));
        Assert.Contains("own parent", Single(result.Errors, "parent_external_id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountValidate_TypedInput_SameRules()
    {
        var errors = AccountRules.Validate(new AccountInput { ExternalId = "A", Name = "", Employees = -1 });
        Assert.Equal(["name", "employees"], errors.Select(e => e.Field));
    }

    [Fact]
    public void AccountParse_DateFormatOverride_ParsesGermanDates()
    {
        var result = AccountRules.Parse(Values(AccountRules.Schema, ("external_id", "A"), ("name", "X"), ("acquired_on", "31.12.2020")),
            new ValueFormat("dd.MM.yyyy"));
        Assert.True(result.IsValid);
        Assert.Equal(new DateOnly(2020, 12, 31), result.Input.AcquiredOn);
    }

    [Fact]
    public void OrderParse_CommaDecimal_OnlyWhenAllowed()
    {
        (string, string?)[] fields = [("order_id", "O1"), ("account_external_id", "A"), ("order_date", "2024-01-02"), ("net_amount", "12,5")];
        Assert.Equal(12.5m, OrderLineRules.Parse(Values(OrderLineRules.Schema, fields), new ValueFormat(null, CommaDecimal: true)).Input.NetAmount);
        Assert.Contains("not a number", Single(OrderLineRules.Parse(Values(OrderLineRules.Schema, fields)).Errors, "net_amount").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OrderParse_NegativeAmountIsReturn_Valid()
    {
        var result = OrderLineRules.Parse(Values(OrderLineRules.Schema, ("order_id", "O1"), ("account_external_id", "A"),
            ("order_date", "2024-01-02"), ("net_amount", "-99.90"), ("quantity", "-1"), ("currency", "eur")));
        Assert.True(result.IsValid);
        Assert.Equal("EUR", result.Input.Currency);
    }

    [Fact]
    public void OrderParse_OutOfRangeAndBadCurrency_Errors()
    {
        var result = OrderLineRules.Parse(Values(OrderLineRules.Schema, ("order_id", "O1"), ("account_external_id", "A"),
            ("order_date", "2024-01-02"), ("net_amount", "1e20"), ("currency", "EURO")));
        Assert.Contains("too large", Single(result.Errors, "net_amount").Message, StringComparison.Ordinal);
        Assert.Contains("currency code", Single(result.Errors, "currency").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OrderParse_MissingRequired_AllNamed()
    {
        var result = OrderLineRules.Parse(Values(OrderLineRules.Schema, ("order_id", ""), ("account_external_id", ""), ("order_date", ""), ("net_amount", "")));
        Assert.Equal(["order_id", "account_external_id", "order_date", "net_amount"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void ContractParse_EndBeforeStart_Error()
    {
        var result = ContractRules.Parse(Values(ContractRules.Schema, ("contract_id", "C1"), ("account_external_id", "A"),
            ("start_date", "2024-01-01"), ("end_date", "2023-12-31"), ("notice_days", "-5"), ("auto_renew", "yes")));
        Assert.Contains("before start_date", Single(result.Errors, "end_date").Message, StringComparison.Ordinal);
        Assert.Contains("negative", Single(result.Errors, "notice_days").Message, StringComparison.Ordinal);
        Assert.True(result.Input.AutoRenew);
    }

    [Fact]
    public void ContactParse_BuyingRoleAndFlags_Parsed()
    {
        var result = ContactRules.Parse(Values(ContactRules.Schema, ("external_id", "P1"), ("account_external_id", "A"),
            ("last_name", "Schmidt"), ("buying_role", "Decider"), ("active", "nein"), ("consent_surveys", "1"), ("email", "x@y.de")));
        Assert.True(result.IsValid);
        Assert.Equal(BuyingRole.Decider, result.Input.BuyingRole);
        Assert.False(result.Input.Active);
        Assert.True(result.Input.ConsentSurveys);
        Assert.Null(result.Input.ConsentMarketing);
    }

    [Fact]
    public void InteractionParse_TimestampsAndChannel_Parsed()
    {
        var result = InteractionRules.Parse(Values(InteractionRules.Schema, ("account_external_id", "A"),
            ("occurred_at", "2024-03-01T14:30:05+01:00"), ("channel", "visit"), ("direction", "inbound"), ("touchpoint", "Sales")));
        Assert.True(result.IsValid);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 13, 30, 5, TimeSpan.Zero), result.Input.OccurredAt);
        Assert.Equal("sales", result.Input.Touchpoint);
    }

    [Fact]
    public void InteractionParse_BadChannelAndTime_Errors()
    {
        var result = InteractionRules.Parse(Values(InteractionRules.Schema, ("account_external_id", "A"),
            ("occurred_at", "yesterday"), ("channel", "fax")));
        Assert.Contains("date and time", Single(result.Errors, "occurred_at").Message, StringComparison.Ordinal);
        Assert.Contains("visit, call, email", Single(result.Errors, "channel").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportKey_SameInteractionDifferentNotation_SameKey()
    {
        Assert.True(CellRules.TryParseTimestamp("2024-03-01 13:30", null, out var a));
        Assert.True(CellRules.TryParseTimestamp("2024-03-01T14:30:00+01:00", null, out var b));
        Assert.Equal(InteractionRules.ImportKey("A", a, InteractionChannel.Call, null, "Offer"),
            InteractionRules.ImportKey(" A ", b, InteractionChannel.Call, "", "Offer "));
        Assert.NotEqual(InteractionRules.ImportKey("A", a, InteractionChannel.Call, null, "Offer"),
            InteractionRules.ImportKey("A", a, InteractionChannel.Visit, null, "Offer"));
    }

    [Fact]
    public void TryParseBoolean_AllSpellings_Accepted()
    {
        foreach (var t in new[] { "true", "TRUE", "1", "yes", "Ja" })
        {
            Assert.True(CellRules.TryParseBoolean(t, out var v) && v, t);
        }
        foreach (var t in new[] { "false", "0", "no", "NEIN" })
        {
            Assert.True(CellRules.TryParseBoolean(t, out var v) && !v, t);
        }
        Assert.False(CellRules.TryParseBoolean("2", out _));
    }

    [Fact]
    public void TryParseDecimal_RoundTripsInvariantText_Property()
    {
        Check.QuickThrowOnFailure(Prop.ForAll<decimal>(d =>
            CellRules.TryParseDecimal(d.ToString(System.Globalization.CultureInfo.InvariantCulture), false, out var v) && v == d));
    }

    [Fact]
    public void IsEmail_CommonShapes_Classified()
    {
        Assert.True(CellRules.IsEmail("anna.meier@firma.example.de"));
        Assert.False(CellRules.IsEmail("anna@localhost"));
        Assert.False(CellRules.IsEmail("anna meier@firma.de"));
        Assert.False(CellRules.IsEmail("@firma.de"));
    }

    [Fact]
    public void FieldValuesFrom_UnknownField_Throws()
    {
        Assert.Throws<ArgumentException>(() => Values(AccountRules.Schema, ("nmae", "x")));
    }
}
