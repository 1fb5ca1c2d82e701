using MathNet.Numerics.Distributions;
using Rapport.Analytics.Clv;

namespace Rapport.Analytics.Tests.Clv;

/// <summary>Seeded simulators that draw customers from the models' own generative stories.</summary>
internal static class ModelSimulation
{
    /// <summary>
    /// BG/NBD: λ ~ Gamma(r, α), p ~ Beta(a, b); purchases at Poisson(λ) times from 0; after each repeat purchase the
    /// customer drops out with probability p. Each customer's T is drawn uniformly from [minT, maxT] on a grid of days (in weeks).
    /// </summary>
    public static List<PurchaseHistory> BgNbd(int customers, double r, double alpha, double a, double b, double minT, double maxT, int seed)
    {
        var random = new Random(seed);
        var rate = new Gamma(r, alpha, random);
        var drop = new Beta(a, b, random);
        var result = new List<PurchaseHistory>(customers);
        for (var i = 0; i < customers; i++)
        {
            var t = Math.Round((minT + (random.NextDouble() * (maxT - minT))) * 7) / 7;
            var lambda = rate.Sample();
            var p = drop.Sample();
            double now = 0, last = 0;
            var x = 0;
            while (true)
            {
                now += -Math.Log(1 - random.NextDouble()) / lambda;
                if (now > t)
                {
                    break;
                }
                x++;
                last = now;
                if (random.NextDouble() < p)
                {
                    break;
                }
            }
            result.Add(new PurchaseHistory(x, last, t));
        }
        return result;
    }

    /// <summary>BG/BB over n periods: before each period the customer dies with probability θ ~ Beta(γ, δ); alive, they buy with probability p ~ Beta(α, β).</summary>
    public static List<HistoryCount> BgBb(int customers, int n, double alpha, double beta, double gamma, double delta, int seed)
    {
        var random = new Random(seed);
        var buy = new Beta(alpha, beta, random);
        var die = new Beta(gamma, delta, random);
        var counts = new Dictionary<PurchaseHistory, long>();
        for (var i = 0; i < customers; i++)
        {
            var p = buy.Sample();
            var theta = die.Sample();
            int x = 0, tx = 0;
            for (var k = 1; k <= n; k++)
            {
                if (random.NextDouble() < theta)
                {
                    break;
                }
                if (random.NextDouble() < p)
                {
                    x++;
                    tx = k;
                }
            }
            var h = new PurchaseHistory(x, tx, n);
            counts[h] = counts.GetValueOrDefault(h) + 1;
        }
        return counts.Select(kv => new HistoryCount(kv.Key, kv.Value)).ToList();
    }

    /// <summary>sBG: each contract churns at each renewal with probability θ ~ Beta(α, β); observed for <paramref name="periods"/> periods.</summary>
    public static List<ContractObservation> ShiftedBetaGeometric(int contracts, int periods, double alpha, double beta, int seed)
    {
        var random = new Random(seed);
        var churn = new Beta(alpha, beta, random);
        var counts = new Dictionary<(int, bool), long>();
        for (var i = 0; i < contracts; i++)
        {
            var theta = churn.Sample();
            var survived = 0;
            var churned = false;
            while (survived < periods)
            {
                if (random.NextDouble() < theta)
                {
                    churned = true;
                    break;
                }
                survived++;
            }
            counts[(survived, churned)] = counts.GetValueOrDefault((survived, churned)) + 1;
        }
        return counts.Select(kv => new ContractObservation(kv.Key.Item1, kv.Key.Item2, kv.Value)).ToList();
    }
}
