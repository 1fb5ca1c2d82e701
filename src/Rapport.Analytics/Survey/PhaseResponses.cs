namespace Rapport.Analytics.Survey;

/// <summary>
/// The respondents involved in one phase with their phase satisfaction and, per touchpoint, contact, rating and main
/// contact, held in flat arrays: the input of the phase figures of <see cref="TouchpointAnalysis"/>. Built from
/// <see cref="RespondentAnswers"/> by <see cref="Of"/>, or directly by a caller that stores answers in another form
/// (the app's packed wave snapshot), so that both compute the figures with the same code.
/// </summary>
/// <remarks>Touchpoints are addressed by position in the list the analysis is given. Not thread-safe while being filled.</remarks>
public sealed class PhaseResponses
{
    private const byte ContactFlag = 1;
    private const byte MainFlag = 2;

    private double[] _satisfaction;
    private double[] _ratings;
    private byte[] _flags;

    /// <summary>Creates an empty set.</summary>
    /// <param name="touchpointCount">Number of touchpoints per respondent, 0 or more.</param>
    /// <param name="capacity">Respondents to make room for up front, 0 or more.</param>
    public PhaseResponses(int touchpointCount, int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(touchpointCount);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        TouchpointCount = touchpointCount;
        capacity = Math.Max(capacity, 1);
        _satisfaction = new double[capacity];
        _ratings = new double[capacity * touchpointCount];
        _flags = new byte[capacity * touchpointCount];
    }

    /// <summary>Number of touchpoints per respondent.</summary>
    public int TouchpointCount { get; }

    /// <summary>Number of involved respondents added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds an involved respondent without touchpoint contact; returns its position.</summary>
    /// <param name="satisfaction"><c>PH_SAT</c>, NaN when unanswered; must not be infinite.</param>
    public int Add(double satisfaction)
    {
        if (double.IsInfinity(satisfaction))
        {
            throw new ArgumentOutOfRangeException(nameof(satisfaction), satisfaction, "The phase satisfaction must be finite or NaN.");
        }
        if (Count == _satisfaction.Length)
        {
            var capacity = Count * 2;
            Array.Resize(ref _satisfaction, capacity);
            Array.Resize(ref _ratings, capacity * TouchpointCount);
            Array.Resize(ref _flags, capacity * TouchpointCount);
        }
        var row = Count++;
        _satisfaction[row] = satisfaction;
        _ratings.AsSpan(row * TouchpointCount, TouchpointCount).Fill(double.NaN);
        return row;
    }

    /// <summary>Records that respondent <paramref name="respondent"/> had contact with touchpoint <paramref name="touchpoint"/>.</summary>
    /// <param name="respondent">Position returned by <see cref="Add"/>.</param>
    /// <param name="touchpoint">Position of the touchpoint, 0..<see cref="TouchpointCount"/>−1.</param>
    /// <param name="rating"><c>TP_SAT</c>, NaN when unanswered; must not be infinite.</param>
    /// <param name="mainContact"><c>TP_MAIN</c> = 1.</param>
    public void SetContact(int respondent, int touchpoint, double rating, bool mainContact)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(respondent);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(respondent, Count);
        ArgumentOutOfRangeException.ThrowIfNegative(touchpoint);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(touchpoint, TouchpointCount);
        if (double.IsInfinity(rating))
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "The touchpoint rating must be finite or NaN.");
        }
        var i = respondent * TouchpointCount + touchpoint;
        _ratings[i] = rating;
        _flags[i] = (byte)(ContactFlag | (mainContact ? MainFlag : 0));
    }

    /// <summary><c>PH_SAT</c> of a respondent, NaN when unanswered.</summary>
    public double Satisfaction(int respondent) => _satisfaction[Check(respondent)];

    /// <summary>Whether the respondent had contact with the touchpoint.</summary>
    public bool HadContact(int respondent, int touchpoint) => (_flags[Index(respondent, touchpoint)] & ContactFlag) != 0;

    /// <summary>Whether the touchpoint was the respondent's main contact in the phase.</summary>
    public bool IsMainContact(int respondent, int touchpoint) => (_flags[Index(respondent, touchpoint)] & MainFlag) != 0;

    /// <summary><c>TP_SAT</c> of a touchpoint the respondent had contact with; NaN without contact or rating.</summary>
    public double Rating(int respondent, int touchpoint) => _ratings[Index(respondent, touchpoint)];

    /// <summary>
    /// The respondents involved in <paramref name="phase"/> (see <see cref="PhaseAnswers.IsInvolved"/>) in the given
    /// order, with their answers for <paramref name="touchpoints"/>.
    /// </summary>
    public static PhaseResponses Of(IEnumerable<RespondentAnswers> respondents, string phase, IReadOnlyList<string> touchpoints)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        ArgumentException.ThrowIfNullOrEmpty(phase);
        ArgumentNullException.ThrowIfNull(touchpoints);
        var result = new PhaseResponses(touchpoints.Count, respondents is IReadOnlyCollection<RespondentAnswers> c ? c.Count : 16);
        foreach (var r in respondents)
        {
            if (!r.Phases.TryGetValue(phase, out var p) || !p.IsInvolved)
            {
                continue;
            }
            var row = result.Add(p.Satisfaction);
            for (var t = 0; t < touchpoints.Count; t++)
            {
                if (p.Touchpoints.TryGetValue(touchpoints[t], out var answers) && answers.HadContact)
                {
                    result.SetContact(row, t, answers.Satisfaction, answers.IsMainContact);
                }
            }
        }
        return result;
    }

    internal ReadOnlySpan<double> SatisfactionSpan => _satisfaction.AsSpan(0, Count);

    internal ReadOnlySpan<double> RatingSpan => _ratings.AsSpan(0, Count * TouchpointCount);

    internal ReadOnlySpan<byte> FlagSpan => _flags.AsSpan(0, Count * TouchpointCount);

    internal static bool Contact(byte flags) => (flags & ContactFlag) != 0;

    internal static bool Main(byte flags) => (flags & MainFlag) != 0;

    private int Check(int respondent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(respondent);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(respondent, Count);
        return respondent;
    }

    private int Index(int respondent, int touchpoint)
    {
        Check(respondent);
        ArgumentOutOfRangeException.ThrowIfNegative(touchpoint);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(touchpoint, TouchpointCount);
        return respondent * TouchpointCount + touchpoint;
    }
}
