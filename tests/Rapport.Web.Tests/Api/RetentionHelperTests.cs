using Rapport.Web.Jobs;
using Rapport.Core.Common;
using Rapport.Core.Retention;
using Rapport.Web.Features.Loyalty;
using Rapport.Web.Features.Retention;
using Rapport.Web.Features.Surveys;
using Rapport.Web.Infrastructure;

namespace Rapport.Web.Tests.Api;

public sealed class RetentionHelperTests
{
    [Theory]
    [InlineData(null, RiskSort.ClvAtRisk, true)]
    [InlineData("clvAtRisk", RiskSort.ClvAtRisk, true)]
    [InlineData("-clvAtRisk", RiskSort.ClvAtRisk, false)]
    [InlineData("pAlive", RiskSort.PAlive, false)]
    [InlineData("-palive", RiskSort.PAlive, true)]
    [InlineData("name", RiskSort.Name, false)]
    [InlineData("signals", RiskSort.Signals, true)]
    public void ParseRiskSort_NamesAndDirections_NaturalOrderUnlessReversed(string? sort, RiskSort expected, bool descending)
    {
        var errors = new FieldErrors();

        var parsed = RetentionApi.ParseRiskSort(sort, errors);

        Assert.Equal((expected, descending), parsed);
        Assert.False(errors.Any);
    }

    [Fact]
    public void ParseRiskSort_Unknown_FieldErrorListingTheNames()
    {
        var errors = new FieldErrors();

        RetentionApi.ParseRiskSort("luck", errors);

        Assert.Contains("clvAtRisk", Assert.Single(errors.ToDictionary()["sort"]), StringComparison.Ordinal);
    }

    [Fact]
    public void NextNightly_BeforeAndAfterTheTime_TodayOrTomorrow()
    {
        var at = new TimeOnly(2, 30);
        var offset = TimeSpan.FromHours(1);

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 2, 30, 0, offset), ScoringWorker.NextNightly(new DateTimeOffset(2026, 3, 10, 1, 0, 0, offset), at));
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 2, 30, 0, offset), ScoringWorker.NextNightly(new DateTimeOffset(2026, 3, 10, 2, 30, 0, offset), at));
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 2, 30, 0, offset), ScoringWorker.NextNightly(new DateTimeOffset(2026, 3, 10, 23, 59, 0, offset), at));
    }
}
