using Rapport.Analytics.Acquisition;

namespace Rapport.Analytics.Tests.Acquisition;

public sealed class AcquisitionEconomicsTests
{
    [Fact]
    public void ByChannel_CostsNewCustomersAndClv_HandComputed()
    {
        var rows = AcquisitionEconomics.ByChannel(
        [
            new ChannelInput("trade fair", 30_000m, 4, [10_000, 20_000, 30_000]),
            new ChannelInput("referral", 2_000m, 2, [15_000, 25_000]),
            new ChannelInput("print", 5_000m, 0, []),
            new ChannelInput("referral", 1_000m, 1, [5_000]),
        ]);

        Assert.Equal(["trade fair", "referral", "print", AcquisitionEconomics.Total], rows.Select(r => r.Channel));
        Assert.Equal(7_500m, rows[0].CostPerNewCustomer);
        Assert.Equal(20_000, rows[0].MeanClv);
        Assert.Equal(20_000 / 7_500.0, rows[0].ClvToCac!.Value, 12);
        Assert.Equal(3_000m, rows[1].Cost);
        Assert.Equal(1_000m, rows[1].CostPerNewCustomer);
        Assert.Equal(15.0, rows[1].ClvToCac!.Value, 12);
        Assert.Null(rows[2].CostPerNewCustomer);
        Assert.Null(rows[2].ClvToCac);
        Assert.Equal(38_000m, rows[3].Cost);
        Assert.Equal(7, rows[3].NewCustomers);
        Assert.Equal(38_000m / 7, rows[3].CostPerNewCustomer);
        Assert.Equal(105_000 / 6.0, rows[3].MeanClv!.Value, 9);
    }

    [Fact]
    public void ClvToCac_FreeChannelOrNoClv_Null()
    {
        Assert.Null(AcquisitionEconomics.ClvToCac(1000, 0m));
        Assert.Null(AcquisitionEconomics.ClvToCac(null, 10m));
        Assert.Equal(4, AcquisitionEconomics.ClvToCac(1000, 250m));
    }
}
