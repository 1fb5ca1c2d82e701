using System.Globalization;

namespace Rapport.Analytics.Clv;

/// <summary>Argument checks and data requirements shared by the models.</summary>
internal static class ModelChecks
{
    /// <summary>For the cheap likelihoods (BG/BB, Gamma-Gamma): up to this many distinct rows every starting point is tried and the best optimum kept.</summary>
    public const int AllStartsRowLimit = 20_000;

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");
        }
    }

    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number >= 0.");
        }
    }

    public static void RequireRepeatPurchases(string model, double customers, double totalX, double totalT)
    {
        if (customers == 0)
        {
            throw new ModelFitException($"{model}: there are no customers in the calibration period.");
        }
        if (totalX == 0)
        {
            throw new ModelFitException(
                $"{model}: none of the {customers.ToString(CultureInfo.InvariantCulture)} customers made a repeat purchase in the calibration period; the model cannot be fitted.");
        }
        if (totalT == 0)
        {
            throw new ModelFitException($"{model}: all customers were first seen at the end of the calibration period; the model cannot be fitted.");
        }
    }
}
