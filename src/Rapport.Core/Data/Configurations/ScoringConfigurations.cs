using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Analytics.Retention;
using Rapport.Core.Retention;

namespace Rapport.Core.Data.Configurations;

internal sealed class ScoringRunConfiguration : IEntityTypeConfiguration<ScoringRun>
{
    public void Configure(EntityTypeBuilder<ScoringRun> b)
    {
        b.ToTable("scoring_runs");
        // No HasDefaultValueSql for Status: its CLR default is Queued, so EF would never send the value and warn; the
        // column's default in migration 0009 stays for SQL writers.
        b.Property(x => x.RequestedAt).HasDefaultValueSql("now()");
        b.Property(x => x.Model).HasColumnType("jsonb");
        b.Property(x => x.Timings).HasColumnType("jsonb");
    }
}

internal sealed class AccountScoreConfiguration : IEntityTypeConfiguration<AccountScore>
{
    public void Configure(EntityTypeBuilder<AccountScore> b)
    {
        b.ToTable("account_scores");
        b.HasKey(x => x.AccountId);
        b.Property(x => x.AccountId).ValueGeneratedNever();
        // Names with digits are spelled out: the snake_case convention would glue the digits to the word before.
        b.Property(x => x.RevenueLast12m).HasColumnName("revenue_last_12m").HasPrecision(16, 2);
        b.Property(x => x.RevenuePrior12m).HasColumnName("revenue_prior_12m").HasPrecision(16, 2);
        b.Property(x => x.PAlive90DaysAgo).HasColumnName("p_alive_90_days_ago");
        b.Property(x => x.ExpectedTransactions12m).HasColumnName("expected_transactions_12m");
        b.Property(x => x.ExpectedSpend).HasPrecision(16, 2);
        b.Property(x => x.Clv).HasPrecision(16, 2);
        b.Property(x => x.ClvAtRisk).HasPrecision(16, 2);
        b.Property(x => x.ComputedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class AccountScoreHistoryConfiguration : IEntityTypeConfiguration<AccountScoreHistory>
{
    public void Configure(EntityTypeBuilder<AccountScoreHistory> b)
    {
        b.ToTable("account_score_history");
        b.HasKey(x => new { x.AccountId, x.ScoredOn });
        b.Property(x => x.ExpectedTransactions12m).HasColumnName("expected_transactions_12m");
        b.Property(x => x.Clv).HasPrecision(16, 2);
    }
}

internal sealed class LifecyclePhaseChangeConfiguration : IEntityTypeConfiguration<LifecyclePhaseChange>
{
    public void Configure(EntityTypeBuilder<LifecyclePhaseChange> b)
    {
        b.ToTable("lifecycle_phase_history");
        b.Property(x => x.RecordedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class AccountSignalConfiguration : IEntityTypeConfiguration<AccountSignal>
{
    public void Configure(EntityTypeBuilder<AccountSignal> b)
    {
        b.ToTable("signals");
        // The signal enums live in Rapport.Analytics, outside the convention that maps Rapport.Core's enums.
        b.Property(x => x.Type).HasConversion<EnumText.Converter<SignalType>>();
        b.Property(x => x.Severity).HasConversion<EnumText.Converter<SignalSeverity>>();
        b.Property(x => x.Evidence).HasColumnType("jsonb");
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class PlaybookConfiguration : IEntityTypeConfiguration<Playbook>
{
    public void Configure(EntityTypeBuilder<Playbook> b)
    {
        b.ToTable("playbooks");
        b.HasKey(x => x.Code);
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.PlaybookCode);
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class PlaybookStepConfiguration : IEntityTypeConfiguration<PlaybookStep>
{
    public void Configure(EntityTypeBuilder<PlaybookStep> b)
    {
        b.ToTable("playbook_steps");
        b.HasKey(x => new { x.PlaybookCode, x.StepNo });
    }
}
