using MathNet.Numerics;

namespace Rapport.Analytics.Clv;

/// <summary>Log-space helpers shared by the likelihoods: sums of exponentials, signed log-gamma, log-beta.</summary>
internal static class LogMath
{
    /// <summary>ln(e^a + e^b) without overflow; −∞ inputs are allowed.</summary>
    public static double LogSumExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }
        if (double.IsNegativeInfinity(b))
        {
            return a;
        }
        return a > b ? a + Log1P(Math.Exp(b - a)) : b + Log1P(Math.Exp(a - b));
    }

    /// <summary>ln(e^a − e^b) for a ≥ b; −∞ when they are equal.</summary>
    public static double LogDiffExp(double a, double b)
    {
        if (double.IsNegativeInfinity(b))
        {
            return a;
        }
        var d = b - a;
        if (d >= 0)
        {
            return double.NegativeInfinity;
        }
        // ln(1 − e^d): the two branches keep full precision for d near 0 and for d very negative.
        return a + (d > -0.6931471805599453 ? Math.Log(-ExpM1(d)) : Log1P(-Math.Exp(d)));
    }

    /// <summary>ln(1 + x), accurate for small x (Kahan's trick; the BCL has no log1p).</summary>
    public static double Log1P(double x)
    {
        var u = 1 + x;
        if (u == 1)
        {
            return x;
        }
        return double.IsPositiveInfinity(u) ? Math.Log(u) : Math.Log(u) * x / (u - 1);
    }

    /// <summary>e^x − 1, accurate for small x (Kahan's trick; the BCL has no expm1).</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) < 1e-5)
        {
            return x + (x * x / 2) + (x * x * x / 6);
        }
        var u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }
        var um1 = u - 1;
        if (um1 == -1 || double.IsPositiveInfinity(u))
        {
            return um1;
        }
        return um1 * x / Math.Log(u);
    }

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double GammaLn(double x) => SpecialFunctions.GammaLn(x);

    /// <summary>ln B(a, b) for a, b &gt; 0.</summary>
    public static double BetaLn(double a, double b) =>
        SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b);

    /// <summary>ln|Γ(x)| and the sign of Γ(x) for any real x that is not a pole (0, −1, −2, …).</summary>
    public static double GammaLnSigned(double x, out int sign)
    {
        if (x > 0)
        {
            sign = 1;
            return SpecialFunctions.GammaLn(x);
        }
        // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
        var s = Math.Sin(Math.PI * x);
        sign = s > 0 ? 1 : -1;
        return Math.Log(Math.PI) - Math.Log(Math.Abs(s)) - SpecialFunctions.GammaLn(1 - x);
    }

    /// <summary>True when x is 0 or a negative integer, where Γ has a pole and 1/Γ vanishes.</summary>
    public static bool IsGammaPole(double x) => x <= 0 && x == Math.Floor(x);

    /// <summary>A signed number held as sign · e^log, so that products and sums of huge or tiny terms stay finite.</summary>
    public readonly record struct Signed(int Sign, double Log)
    {
        public static Signed Zero => new(0, double.NegativeInfinity);

        public static Signed operator +(Signed x, Signed y)
        {
            if (x.Sign == 0)
            {
                return y;
            }
            if (y.Sign == 0)
            {
                return x;
            }
            if (x.Sign == y.Sign)
            {
                return new Signed(x.Sign, LogSumExp(x.Log, y.Log));
            }
            if (x.Log == y.Log)
            {
                return Zero;
            }
            return x.Log > y.Log ? new Signed(x.Sign, LogDiffExp(x.Log, y.Log)) : new Signed(y.Sign, LogDiffExp(y.Log, x.Log));
        }
    }
}
