using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Accounts;
using Rapport.Core.Auditing;
using Rapport.Core.Identity;
using Rapport.Core.MasterData;

namespace Rapport.Core.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.ToTable("users");
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("api_tokens");
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId);
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("accounts");
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerUserId);
        b.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentAccountId);
        b.HasMany(x => x.Contacts).WithOne(x => x.Account).HasForeignKey(x => x.AccountId);
        b.Property(x => x.AcquisitionCost).HasPrecision(14, 2);
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class AccountShareConfiguration : IEntityTypeConfiguration<AccountShare>
{
    public void Configure(EntityTypeBuilder<AccountShare> b)
    {
        b.ToTable("account_shares");
        b.HasKey(x => new { x.AccountId, x.UserId });
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("contacts");
        b.HasIndex(x => x.ExternalId).IsUnique();
        b.HasMany(x => x.Consents).WithOne().HasForeignKey(x => x.ContactId);
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> b)
    {
        b.ToTable("consents");
        b.HasKey(x => new { x.ContactId, x.Purpose });
        b.Property(x => x.RecordedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> b)
    {
        b.ToTable("interactions");
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products");
        b.HasKey(x => x.Sku);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders");
        b.HasIndex(x => x.OrderNo).IsUnique();
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.OrderId);
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.ToTable("order_lines");
        b.HasKey(x => new { x.OrderId, x.LineNo });
        b.Property(x => x.Quantity).HasPrecision(14, 3);
        b.Property(x => x.NetAmount).HasPrecision(16, 2);
        b.Property(x => x.Margin).HasPrecision(16, 2);
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> b)
    {
        b.ToTable("contracts");
        b.HasIndex(x => x.ContractNo).IsUnique();
        b.Property(x => x.AnnualValue).HasPrecision(14, 2);
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class BusinessPhaseConfiguration : IEntityTypeConfiguration<BusinessPhase>
{
    public void Configure(EntityTypeBuilder<BusinessPhase> b) => b.ToTable("business_phases");
}

internal sealed class TouchpointConfiguration : IEntityTypeConfiguration<Touchpoint>
{
    public void Configure(EntityTypeBuilder<Touchpoint> b) => b.ToTable("touchpoints");
}

internal sealed class CompetitorConfiguration : IEntityTypeConfiguration<Competitor>
{
    public void Configure(EntityTypeBuilder<Competitor> b)
    {
        b.ToTable("competitors");
        b.HasMany(x => x.Phases).WithMany().UsingEntity(
            "competitor_phases",
            r => r.HasOne(typeof(BusinessPhase)).WithMany().HasForeignKey("phase_id"),
            l => l.HasOne(typeof(Competitor)).WithMany().HasForeignKey("competitor_id"),
            j => j.HasKey("competitor_id", "phase_id"));
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.Property(x => x.OccurredAt).HasDefaultValueSql("now()");
        b.Property(x => x.Details).HasColumnType("jsonb");
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b) => b.ToTable("data_protection_keys");
}
