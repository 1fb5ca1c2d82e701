namespace Rapport.Core.MasterData;

/// <summary>A business phase (Geschäftsphase); the ordered list is configurable.</summary>
public sealed class BusinessPhase
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameEn { get; set; }
    public required string NameDe { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>The name in the UI language ("de" or anything else for English).</summary>
    public string Name(string language) => language == "de" ? NameDe : NameEn;
}

/// <summary>A supplier function the customer meets (Kontaktpunkt).</summary>
public sealed class Touchpoint
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameEn { get; set; }
    public required string NameDe { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>The name in the UI language.</summary>
    public string Name(string language) => language == "de" ? NameDe : NameEn;
}

/// <summary>A named competitor (Wettbewerber); which phases it competes in is configurable.</summary>
public sealed class Competitor
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public bool IsActive { get; set; } = true;
    public List<BusinessPhase> Phases { get; } = [];
}
