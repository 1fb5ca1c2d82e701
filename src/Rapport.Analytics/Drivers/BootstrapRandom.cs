namespace Rapport.Analytics.Drivers;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna 2018) seeded by SplitMix64 from (seed, stream). One stream per bootstrap
/// resample makes the resamples independent of how they are scheduled on threads, so a seed always gives the
/// same intervals. A struct, so drawing costs no allocation.
/// </summary>
internal struct BootstrapRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public BootstrapRandom(int seed, int stream)
    {
        var sm = unchecked(((ulong)(uint)seed << 32) ^ (ulong)(uint)stream ^ 0x5851F42D4C957F2DUL);
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>Uniform integer in [0, n); Lemire's multiply-high, bias below n / 2^64.</summary>
    public int NextIndex(int n) => (int)Math.BigMul(NextUInt64(), (ulong)n, out _);

    public ulong NextUInt64()
    {
        var result = BitRotate(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotate(_s3, 45);
        return result;
    }

    private static ulong BitRotate(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
