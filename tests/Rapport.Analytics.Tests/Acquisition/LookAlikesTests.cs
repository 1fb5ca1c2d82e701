using Rapport.Analytics.Acquisition;

namespace Rapport.Analytics.Tests.Acquisition;

public sealed class LookAlikesTests
{
    private static readonly FeatureSchema Schema = new(["employees"], ["industry"]);

    private static readonly ValuedAccount[] Accounts =
    [
        new("big-1", new FeatureRow([1000], ["Machinery"]), 900),
        new("big-2", new FeatureRow([1200], ["Machinery"]), 800),
        new("mid-1", new FeatureRow([300], ["Chemicals"]), 300),
        new("mid-2", new FeatureRow([250], ["Machinery"]), 250),
        new("small-1", new FeatureRow([20], ["Retail"]), 50),
        new("small-2", new FeatureRow([30], ["Retail"]), 40),
        new("small-3", new FeatureRow([10], ["Retail"]), 30),
        new("small-4", new FeatureRow([15], ["Chemicals"]), 20),
    ];

    [Theory]
    [InlineData(SimilarityMeasure.Cosine)]
    [InlineData(SimilarityMeasure.StandardizedEuclidean)]
    public void Rank_ProspectLikeTopAccounts_RankedFirst(SimilarityMeasure measure)
    {
        Prospect[] prospects =
        [
            new("shop", new FeatureRow([12], ["Retail"])),
            new("plant", new FeatureRow([1100], ["Machinery"])),
            new("lab", new FeatureRow([280], ["Chemicals"])),
        ];

        var ranking = LookAlikes.Rank(Schema, Accounts, prospects, new LookAlikeOptions { Measure = measure, TopValueShare = 0.25, MinTopAccounts = 1, Neighbours = 2 });

        Assert.Equal(["plant", "lab", "shop"], ranking.Select(r => r.ProspectId));
        Assert.Contains(ranking[0].MostSimilarTopAccountId, new[] { "big-1", "big-2" });
        Assert.Equal(850, ranking[0].ExpectedValue, 9);
    }

    [Fact]
    public void Similarity_HandComputed()
    {
        Assert.Equal(0, LookAlikes.Similarity([1, 0], [0, 1], SimilarityMeasure.Cosine), 12);
        Assert.Equal(-1, LookAlikes.Similarity([1, 2], [-2, -4], SimilarityMeasure.Cosine), 12);
        Assert.Equal(1.0 / 6, LookAlikes.Similarity([0, 0], [3, 4], SimilarityMeasure.StandardizedEuclidean), 12);
        Assert.Equal(0, LookAlikes.Similarity([0, 0], [3, 4], SimilarityMeasure.Cosine));
    }
}
