namespace Rapport.Analytics.Drivers;

/// <summary>How the explained variance R² is divided among correlated drivers (docs/definitions.md#key-drivers).</summary>
public enum ImportanceMethod
{
    /// <summary>
    /// Johnson's relative weights (Johnson, J. W. (2000). A heuristic method for estimating the relative weight of
    /// predictor variables in multiple regression. Multivariate Behavioral Research 35(1), 1–19). The default.
    /// </summary>
    RelativeWeights,

    /// <summary>
    /// Shapley value decomposition of R², known as LMG (Lindeman, Merenda &amp; Gold 1980; Grömping, U. (2006).
    /// Relative importance for linear regression in R: the package relaimpo. J. Stat. Softw. 17(1)). Exact, k ≤ 15.
    /// </summary>
    Shapley,
}
