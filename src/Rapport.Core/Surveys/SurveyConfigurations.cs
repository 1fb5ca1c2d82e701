using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Rapport.Core.Surveys;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> b)
    {
        b.ToTable("surveys");
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.SurveyId);
        b.HasMany(x => x.Phases).WithOne().HasForeignKey(x => x.SurveyId);
        b.HasMany(x => x.Touchpoints).WithOne().HasForeignKey(x => x.SurveyId);
        b.HasMany(x => x.Competitors).WithOne().HasForeignKey(x => x.SurveyId);
        b.HasMany(x => x.Waves).WithOne(x => x.Survey).HasForeignKey(x => x.SurveyId);
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class SurveyItemConfiguration : IEntityTypeConfiguration<SurveyItem>
{
    public void Configure(EntityTypeBuilder<SurveyItem> b)
    {
        b.ToTable("survey_items");
        b.HasIndex(x => new { x.SurveyId, x.Code }).IsUnique();
    }
}

internal sealed class SurveyPhaseConfiguration : IEntityTypeConfiguration<SurveyPhase>
{
    public void Configure(EntityTypeBuilder<SurveyPhase> b)
    {
        b.ToTable("survey_phases");
        b.HasKey(x => new { x.SurveyId, x.PhaseId });
    }
}

internal sealed class SurveyTouchpointConfiguration : IEntityTypeConfiguration<SurveyTouchpoint>
{
    public void Configure(EntityTypeBuilder<SurveyTouchpoint> b)
    {
        b.ToTable("survey_touchpoints");
        b.HasKey(x => new { x.SurveyId, x.TouchpointId });
    }
}

internal sealed class SurveyCompetitorConfiguration : IEntityTypeConfiguration<SurveyCompetitor>
{
    public void Configure(EntityTypeBuilder<SurveyCompetitor> b)
    {
        b.ToTable("survey_competitors");
        b.HasKey(x => new { x.SurveyId, x.PhaseId, x.CompetitorId });
    }
}

internal sealed class WaveConfiguration : IEntityTypeConfiguration<Wave>
{
    public void Configure(EntityTypeBuilder<Wave> b)
    {
        b.ToTable("waves");
        b.HasIndex(x => new { x.SurveyId, x.Name }).IsUnique();
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("invitations");
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasOne(x => x.Wave).WithMany().HasForeignKey(x => x.WaveId);
        b.Ignore(x => x.RespondentKey);
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class ResponseAnswerConfiguration : IEntityTypeConfiguration<ResponseAnswer>
{
    public void Configure(EntityTypeBuilder<ResponseAnswer> b)
    {
        b.ToTable("response_answers");
        b.Property(x => x.Value).HasPrecision(6, 2);
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
    }
}
