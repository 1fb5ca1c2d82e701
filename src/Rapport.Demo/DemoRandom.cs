namespace Rapport.Demo;

/// <summary>
/// Deterministic randomness for the demo data. Every account draws from its own <see cref="Random"/> derived from
/// (seed, account, stream), so an account's history does not depend on how many accounts come before it or on
/// retries elsewhere. <c>new Random(int)</c> uses the same algorithm on every platform and .NET version.
/// </summary>
internal static class DemoRandom
{
    public static Random Create(int seed, int a, int b = 0) => new(Mix(seed, a, b));

    /// <summary>SplitMix-style mixing, stable across processes (unlike <see cref="HashCode"/>).</summary>
    public static int Mix(int seed, int a, int b)
    {
        unchecked
        {
            var x = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
            x ^= ((ulong)(uint)a + 0x632BE59BD9B4E019UL) * 0xBF58476D1CE4E5B9UL;
            x ^= x >> 31;
            x ^= ((ulong)(uint)b + 0x85157AF5UL) * 0x94D049BB133111EBUL;
            x ^= x >> 29;
            x *= 0xBF58476D1CE4E5B9UL;
            x ^= x >> 32;
            return (int)(x & 0x7FFFFFFF);
        }
    }

    public static double Uniform(this Random r, double low, double high) => low + (r.NextDouble() * (high - low));

    public static int Between(this Random r, int lowInclusive, int highInclusive) => r.Next(lowInclusive, highInclusive + 1);

    public static bool Chance(this Random r, double p) => r.NextDouble() < p;

    public static T Pick<T>(this Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    public static T PickWeighted<T>(this Random r, IReadOnlyList<(T Item, double Weight)> items)
    {
        var total = 0.0;
        foreach (var (_, w) in items)
        {
            total += w;
        }
        var x = r.NextDouble() * total;
        foreach (var (item, w) in items)
        {
            x -= w;
            if (x < 0)
            {
                return item;
            }
        }
        return items[^1].Item;
    }

    public static double Normal(this Random r)
    {
        var u1 = 1.0 - r.NextDouble();
        var u2 = r.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Knuth's method; the rates used here are small.</summary>
    public static int Poisson(this Random r, double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }
        if (lambda > 30)
        {
            return Math.Max(0, (int)Math.Round(lambda + (Math.Sqrt(lambda) * r.Normal())));
        }
        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = r.NextDouble();
        while (p > limit)
        {
            k++;
            p *= r.NextDouble();
        }
        return k;
    }

    public static DateOnly DateBetween(this Random r, DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(r.Next(to.DayNumber - from.DayNumber + 1));

    public static void Shuffle<T>(this Random r, IList<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = r.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
