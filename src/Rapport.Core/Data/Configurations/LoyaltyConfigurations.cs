using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Loyalty;

namespace Rapport.Core.Data.Configurations;

internal sealed class LoyaltyTierConfiguration : IEntityTypeConfiguration<LoyaltyTier>
{
    public void Configure(EntityTypeBuilder<LoyaltyTier> b)
    {
        b.ToTable("loyalty_tiers");
        b.Property(x => x.MinRevenue12m).HasColumnName("min_revenue_12m").HasPrecision(16, 2);
        b.Property(x => x.EarnMultiplier).HasPrecision(6, 3);
    }
}

internal sealed class EarnRuleConfiguration : IEntityTypeConfiguration<EarnRule>
{
    public void Configure(EntityTypeBuilder<EarnRule> b)
    {
        b.ToTable("earn_rules");
        b.Property(x => x.PointsPerEur).HasPrecision(10, 4);
        b.Property(x => x.MinOrderValue).HasPrecision(16, 2);
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class LoyaltyMemberConfiguration : IEntityTypeConfiguration<LoyaltyMember>
{
    public void Configure(EntityTypeBuilder<LoyaltyMember> b)
    {
        b.ToTable("loyalty_members");
        b.HasKey(x => x.AccountId);
        b.Property(x => x.AccountId).ValueGeneratedNever();
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("loyalty_ledger");
        b.HasIndex(x => new { x.AccountId, x.OccurredAt, x.Id });
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class RewardConfiguration : IEntityTypeConfiguration<Reward>
{
    public void Configure(EntityTypeBuilder<Reward> b)
    {
        b.ToTable("rewards");
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class RedemptionConfiguration : IEntityTypeConfiguration<Redemption>
{
    public void Configure(EntityTypeBuilder<Redemption> b) => b.ToTable("redemptions");
}
