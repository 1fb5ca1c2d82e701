using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Plans;

namespace Rapport.Core.Data.Configurations;

internal sealed class AccountPlanConfiguration : IEntityTypeConfiguration<AccountPlan>
{
    public void Configure(EntityTypeBuilder<AccountPlan> b)
    {
        b.ToTable("account_plans");
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class PlanGoalConfiguration : IEntityTypeConfiguration<PlanGoal>
{
    public void Configure(EntityTypeBuilder<PlanGoal> b)
    {
        b.ToTable("plan_goals");
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class RelationshipMapEntryConfiguration : IEntityTypeConfiguration<RelationshipMapEntry>
{
    public void Configure(EntityTypeBuilder<RelationshipMapEntry> b)
    {
        b.ToTable("relationship_map");
        b.HasIndex(x => new { x.PlanId, x.UserId, x.ContactId }).IsUnique();
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class PlanAssessmentConfiguration : IEntityTypeConfiguration<PlanAssessment>
{
    public void Configure(EntityTypeBuilder<PlanAssessment> b)
    {
        b.ToTable("plan_assessments");
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class PlanActionConfiguration : IEntityTypeConfiguration<PlanAction>
{
    public void Configure(EntityTypeBuilder<PlanAction> b)
    {
        b.ToTable("plan_actions");
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class PlanReviewConfiguration : IEntityTypeConfiguration<PlanReview>
{
    public void Configure(EntityTypeBuilder<PlanReview> b)
    {
        b.ToTable("plan_reviews");
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
    }
}
