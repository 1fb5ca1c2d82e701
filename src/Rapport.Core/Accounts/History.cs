namespace Rapport.Core.Accounts;

/// <summary>A dated contact with the customer (Kontakt / Aktivität).</summary>
public sealed class Interaction
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long? ContactId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public InteractionChannel Channel { get; set; }
    public int? TouchpointId { get; set; }
    public int? PhaseId { get; set; }
    public InteractionDirection? Direction { get; set; }
    public string? Subject { get; set; }
    public string? ImportKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A product of the supplier's catalogue.</summary>
public sealed class Product
{
    public required string Sku { get; set; }
    public string? Name { get; set; }
    public string? Category { get; set; }
}

/// <summary>An order (Auftrag) of an account; its lines carry the amounts.</summary>
public sealed class Order
{
    public long Id { get; set; }
    public required string OrderNo { get; set; }
    public long AccountId { get; set; }
    public DateOnly OrderDate { get; set; }
    public string Currency { get; set; } = "EUR";
    public DateTimeOffset CreatedAt { get; set; }
    public List<OrderLine> Lines { get; } = [];
}

/// <summary>An order line (Position), identified by its order and line number. Negative amounts are returns or cancellations.</summary>
public sealed class OrderLine
{
    public long OrderId { get; set; }
    public long AccountId { get; set; }
    public DateOnly OrderDate { get; set; }
    public int LineNo { get; set; }
    public string? ProductSku { get; set; }
    public string? ProductCategory { get; set; }
    public decimal? Quantity { get; set; }
    public decimal NetAmount { get; set; }
    public decimal? Margin { get; set; }
    public string Currency { get; set; } = "EUR";
}

/// <summary>A contract (Vertrag) with term, notice period and renewal.</summary>
public sealed class Contract
{
    public long Id { get; set; }
    public required string ContractNo { get; set; }
    public long AccountId { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public int? NoticeDays { get; set; }
    public bool AutoRenew { get; set; }
    public decimal? AnnualValue { get; set; }
    public DateOnly? TerminatedOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
