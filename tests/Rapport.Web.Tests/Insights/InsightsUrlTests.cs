using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.Core.Accounts;
using Rapport.Core.Insights;
using Rapport.Web.Features.Insights;

namespace Rapport.Web.Tests.Insights;

public sealed class InsightsUrlTests
{
    [Fact]
    public void ForAndParse_AnyFilter_RoundTripThroughTheApiParameterNames()
    {
        var filters =
            from wave in Gen.Elements<long?>(null, 1, 42)
            from segment in Gen.Elements<Segment?>([null, .. Enum.GetValues<Segment>().Cast<Segment?>()])
            from type in Gen.Elements<BusinessType?>([null, .. Enum.GetValues<BusinessType>().Cast<BusinessType?>()])
            from region in Gen.Elements<string?>(null, "Bayern", "Île-de-France", "a&b=c")
            from industry in Gen.Elements<string?>(null, "Food & beverage", "Pharma")
            from key in Gen.Elements<bool?>(null, true, false)
            from role in Gen.Elements<BuyingRole?>([null, .. Enum.GetValues<BuyingRole>().Cast<BuyingRole?>()])
            from owner in Gen.Elements<long?>(null, 7)
            from groupBy in Gen.Elements(Enum.GetValues<InsightGroupBy>())
            select new InsightFilter
            {
                WaveId = wave, Segment = segment, BusinessType = type, Region = region, Industry = industry, KeyAccount = key,
                BuyingRole = role, OwnerUserId = owner, GroupBy = groupBy,
            };

        Check.QuickThrowOnFailure(Prop.ForAll(filters.ToArbitrary(), filter =>
        {
            var query = QueryHelpers.ParseQuery(new Uri("http://x" + InsightsUrl.For(InsightsUrl.Loyalty, filter)).Query);
            string? Q(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
            var (parsed, errors) = InsightFilters.Parse(new InsightFilterInput(Q("waveId"), Q("segment"), Q("businessType"), Q("region"),
                Q("industry"), Q("keyAccount"), Q("buyingRole"), Q("owner"), Q("groupBy")), currentUserId: 99);
            return errors.Count == 0 && parsed == filter && query.All(p => p.Value.ToString().Length > 0);
        }));
    }

    [Fact]
    public void DrillDownTo_BlankGroup_KeepsTheGroupAndItsGrouping()
    {
        var filter = new InsightFilter { WaveId = 3, GroupBy = InsightGroupBy.Region };

        Assert.Equal("/analytics/accounts?waveId=3&groupBy=region&group=", InsightsUrl.DrillDownTo(filter, group: ""));
        Assert.Equal("/analytics/accounts?waveId=3&phase=order&touchpoint=sales", InsightsUrl.DrillDownTo(filter, phase: "order", touchpoint: "sales"));
    }

    [Fact]
    public void WithoutEmptyParameters_SubmittedForm_KeepsOnlyChosenFilters() =>
        Assert.Equal("/analytics/phases?waveId=2&buyingRole=decider",
            InsightsUrl.WithoutEmptyParameters(new Uri("http://x/analytics/phases?waveId=2&segment=&region=&buyingRole=decider&owner=")));

    [Fact]
    public void Export_Href_CarriesFormatFiltersAndExtras()
    {
        var export = new InsightsExport("drivers", "Key drivers", ("phase", "operation"), ("bootstrap", "200"));

        Assert.Equal("/api/v1/analytics/drivers?waveId=2&keyAccount=true&phase=operation&bootstrap=200&format=xlsx",
            export.Href("xlsx", new InsightFilter { WaveId = 2, KeyAccount = true }));
    }
}
