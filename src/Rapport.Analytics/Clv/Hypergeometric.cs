using static Rapport.Analytics.Clv.LogMath;

namespace Rapport.Analytics.Clv;

/// <summary>
/// The Gaussian hypergeometric function ₂F₁(a, b; c; z) for real parameters and 0 ≤ z &lt; 1, in log space.
/// Strategy (the route the Fader–Hardie notes take, made robust):
/// <list type="number">
/// <item>the power series, in the Euler form (1 − z)^(c−a−b) ₂F₁(c−a, c−b; c; z) when c − a − b &lt; 0 and that keeps the
/// terms of one sign — this is what makes large x (e.g. 200 repeat purchases) cheap and exact;</item>
/// <item>for z &gt; 0.9, or when the series converges too slowly: the linear transformation to 1 − z (Abramowitz &amp; Stegun
/// 15.3.6), with c − a − b within 10⁻⁴ of an integer m handled by evaluating at m ± 10⁻⁴, m ± 2·10⁻⁴ and
/// interpolating (cubic, error O(10⁻¹⁶));</item>
/// <item>as a last resort the series with many more terms.</item>
/// </list>
/// Every route checks that its series converged (tail bound below 10⁻¹⁷ of the sum) and that no more than seven digits
/// were lost to cancellation; otherwise the next route is tried, and if none succeeds an <see cref="ArithmeticException"/>
/// is thrown rather than returning an inaccurate value.
/// </summary>
internal static class Hypergeometric
{
    private const int ShortCap = 2_000;
    private const int LongCap = 2_000_000;
    private const double NearIntegerGap = 1e-4;
    private const double MaxCancellation = 1e7;
    private const double RescaleAbove = 1e250;
    private const double LogRescale = 575.6462732485114; // 250 ln 10

    /// <summary>ln ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1 where the function is positive (always so for a, b, c &gt; 0).</summary>
    public static double Log2F1(double a, double b, double c, double z) => Log2F1(a, b, c, z, 1 - z);

    /// <summary>
    /// ln ₂F₁(a, b; c; z) with <paramref name="oneMinusZ"/> = 1 − z supplied by the caller, who can often compute it
    /// without the rounding of 1 − z (e.g. α/(α + t) instead of 1 − t/(α + t)).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">z outside [0, 1), non-finite parameters or c a pole.</exception>
    /// <exception cref="ArithmeticException">The value is not positive or could not be evaluated to full precision.</exception>
    public static double Log2F1(double a, double b, double c, double z, double oneMinusZ)
    {
        var value = Hyp2F1(a, b, c, z, oneMinusZ);
        if (value.Sign <= 0)
        {
            throw new ArithmeticException(FormattableString.Invariant($"2F1({a}, {b}; {c}; {z}) is not positive."));
        }
        return value.Log;
    }

    /// <summary>
    /// ₂F₁(a, b; c; z) as sign and ln|value| for 0 ≤ z &lt; 1 and any real a, b, c (c not 0, −1, −2, …); with c &lt; 0 the
    /// function can be negative (BG/NBD with a + b &lt; 1 needs this).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">z outside [0, 1), non-finite parameters or c a pole.</exception>
    /// <exception cref="ArithmeticException">The value could not be evaluated to full precision.</exception>
    public static Signed Hyp2F1(double a, double b, double c, double z, double oneMinusZ) => new Family(a, b, c).Evaluate(z, oneMinusZ);

    /// <summary>
    /// ₂F₁(a, b; c; ·) for fixed parameters at many arguments: the gamma-function coefficients of the 1 − z transformation
    /// depend on a, b, c alone and are computed once (the Pareto/NBD likelihood evaluates one family per x at every row).
    /// </summary>
    internal sealed class Family
    {
        private readonly double _a;
        private readonly double _b;
        private readonly double _c;
        private Transform[]? _transforms;

        /// <exception cref="ArgumentOutOfRangeException">Non-finite parameters or c a pole.</exception>
        public Family(double a, double b, double c)
        {
            if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c) || IsGammaPole(c))
            {
                throw new ArgumentOutOfRangeException(nameof(c), FormattableString.Invariant($"2F1({a}, {b}; {c}; z): parameters must be finite and c not 0, -1, -2, ..."));
            }
            _a = a;
            _b = b;
            _c = c;
        }

        /// <summary>₂F₁(a, b; c; z) as sign and ln|value|; <paramref name="w"/> = 1 − z.</summary>
        /// <exception cref="ArgumentOutOfRangeException">z outside [0, 1).</exception>
        /// <exception cref="ArithmeticException">The value could not be evaluated to full precision.</exception>
        public Signed Evaluate(double z, double w)
        {
            if (!(z >= 0 && z < 1) || !(w > 0 && w <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(z), FormattableString.Invariant($"2F1 needs 0 <= z < 1, got z = {z}."));
            }
            if (z == 0)
            {
                return new Signed(1, 0);
            }
            double a = _a, b = _b, c = _c;
            // Close to z = 1 the series needs thousands of terms while the 1 − z form needs a handful: try it first there.
            if (z > 0.9)
            {
                if (TryOneMinusZ(w, out var t) || TryPreferredSeries(a, b, c, z, w, ShortCap, out t))
                {
                    return t;
                }
            }
            else if (TryPreferredSeries(a, b, c, z, w, ShortCap, out var s) || (z > 0.5 && TryOneMinusZ(w, out s)))
            {
                return s;
            }
            if (TryPreferredSeries(a, b, c, z, w, LongCap, out var l) || TrySeries(a, b, c, z, LongCap, out l))
            {
                return l;
            }
            throw new ArithmeticException(FormattableString.Invariant(
                $"2F1({a}, {b}; {c}; {z}) could not be evaluated to full precision (series did not converge)."));
        }

        private bool TryOneMinusZ(double w, out Signed s)
        {
            _transforms ??= Transforms();
            s = Signed.Zero;
            if (_transforms.Length == 1)
            {
                return _transforms[0].TryEvaluate(w, out s);
            }
            // At an integer c − a − b both terms have poles that cancel. Step aside to m ± g and m ± 2g (where the
            // cancellation costs about four digits) and interpolate ln 2F1 with the cubic through those points: the
            // interpolation error is O(g⁴).
            Span<double> logs = stackalloc double[4];
            var sign = 0;
            for (var i = 0; i < 4; i++)
            {
                if (!_transforms[i].TryEvaluate(w, out var v) || (sign != 0 && v.Sign != sign))
                {
                    return false;
                }
                sign = v.Sign;
                logs[i] = v.Log;
            }
            var cab = _c - _a - _b;
            var at = cab - Math.Round(cab);
            double result = 0;
            for (var i = 0; i < 4; i++)
            {
                var weight = 1.0;
                for (var j = 0; j < 4; j++)
                {
                    if (j != i)
                    {
                        weight *= (at - Offsets[j]) / (Offsets[i] - Offsets[j]);
                    }
                }
                result += weight * logs[i];
            }
            s = new Signed(sign, result);
            return true;
        }

        private static readonly double[] Offsets = [-2 * NearIntegerGap, -NearIntegerGap, NearIntegerGap, 2 * NearIntegerGap];

        private Transform[] Transforms()
        {
            var cab = _c - _a - _b;
            var m = Math.Round(cab);
            if (Math.Abs(cab - m) >= NearIntegerGap)
            {
                return [new Transform(_a, _b, _c)];
            }
            return [.. Offsets.Select(o => new Transform(_a, _b, _c + (m + o - cab)))];
        }
    }

    /// <summary>
    /// Abramowitz &amp; Stegun 15.3.6: ₂F₁(a,b;c;z) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) ₂F₁(a,b;a+b−c+1;1−z)
    /// + (1−z)^(c−a−b) Γ(c)Γ(a+b−c)/(Γ(a)Γ(b)) ₂F₁(c−a,c−b;c−a−b+1;1−z), for c − a − b not an integer.
    /// </summary>
    private sealed class Transform
    {
        private readonly double _a;
        private readonly double _b;
        private readonly double _c;
        private readonly Signed _first;
        private readonly Signed _second;

        public Transform(double a, double b, double c)
        {
            _a = a;
            _b = b;
            _c = c;
            var cab = c - a - b;
            var lgc = GammaLnSigned(c, out var sc);
            if (!IsGammaPole(c - a) && !IsGammaPole(c - b))
            {
                var l1 = GammaLnSigned(cab, out var s1);
                var l2 = GammaLnSigned(c - a, out var s2);
                var l3 = GammaLnSigned(c - b, out var s3);
                _first = new Signed(sc * s1 * s2 * s3, lgc + l1 - l2 - l3);
            }
            else
            {
                _first = Signed.Zero;
            }
            if (!IsGammaPole(a) && !IsGammaPole(b))
            {
                var l1 = GammaLnSigned(-cab, out var s1);
                var l2 = GammaLnSigned(a, out var s2);
                var l3 = GammaLnSigned(b, out var s3);
                _second = new Signed(sc * s1 * s2 * s3, lgc + l1 - l2 - l3);
            }
            else
            {
                _second = Signed.Zero;
            }
        }

        public bool TryEvaluate(double w, out Signed s)
        {
            s = Signed.Zero;
            var cab = _c - _a - _b;
            var first = Signed.Zero;
            if (_first.Sign != 0)
            {
                if (!TrySeries(_a, _b, 1 - cab, w, ShortCap, out var f1))
                {
                    return false;
                }
                first = new Signed(_first.Sign * f1.Sign, _first.Log + f1.Log);
            }
            var second = Signed.Zero;
            if (_second.Sign != 0)
            {
                if (!TrySeries(_c - _a, _c - _b, 1 + cab, w, ShortCap, out var f2))
                {
                    return false;
                }
                second = new Signed(_second.Sign * f2.Sign, _second.Log + f2.Log + (cab * Math.Log(w)));
            }
            var sum = first + second;
            if (sum.Sign == 0 || !double.IsFinite(sum.Log) || Math.Max(first.Log, second.Log) - sum.Log > Math.Log(MaxCancellation))
            {
                return false;
            }
            s = sum;
            return true;
        }
    }

    private static bool TryPreferredSeries(double a, double b, double c, double z, double w, int cap, out Signed s)
    {
        var cab = c - a - b;
        if (cab < 0 && c - a > -1 && c - b > -1)
        {
            // Euler's transformation: the terms decay like k^(c−a−b−1) z^k instead of k^(a+b−c−1) z^k and stay small.
            if (TrySeries(c - a, c - b, c, z, cap, out var e))
            {
                s = new Signed(e.Sign, e.Log + (cab * Math.Log(w)));
                return true;
            }
            s = Signed.Zero;
            return false;
        }
        return TrySeries(a, b, c, z, cap, out s);
    }

    /// <summary>The plain power series Σ (a)_k (b)_k / ((c)_k k!) z^k with a rigorous tail check and a cancellation check.</summary>
    internal static bool TrySeries(double a, double b, double c, double z, int cap, out Signed s)
    {
        s = Signed.Zero;
        if (IsGammaPole(c))
        {
            return false;
        }
        double sum = 1, term = 1, maxAbs = 1, logScale = 0;
        // Past this index all factors keep their sign and the term ratio moves monotonically towards z.
        var settled = Math.Max(0, Math.Max(-a, Math.Max(-b, -c)));
        var converged = false;
        for (var k = 0; k < cap; k++)
        {
            var ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            term *= ratio;
            if (term == 0)
            {
                converged = true;
                break;
            }
            sum += term;
            var abs = Math.Abs(term);
            if (abs > maxAbs)
            {
                maxAbs = abs;
            }
            if (abs > RescaleAbove)
            {
                term /= RescaleAbove;
                sum /= RescaleAbove;
                maxAbs /= RescaleAbove;
                logScale += LogRescale;
                abs = Math.Abs(term);
            }
            if (k + 1 > settled)
            {
                var rho = Math.Max(Math.Abs(ratio), z);
                if (rho < 1 && abs * rho / (1 - rho) <= 1e-17 * Math.Abs(sum))
                {
                    converged = true;
                    break;
                }
            }
        }
        if (!converged || sum == 0 || !double.IsFinite(sum) || maxAbs > MaxCancellation * Math.Abs(sum))
        {
            return false;
        }
        s = new Signed(Math.Sign(sum), Math.Log(Math.Abs(sum)) + logScale);
        return true;
    }
}
