using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Auditing;
using Rapport.Core.Complaints;
using Rapport.Core.Events;
using Rapport.Core.Identity;
using Rapport.Core.Loyalty;
using Rapport.Core.MasterData;
using Rapport.Core.Plans;
using Rapport.Core.Retention;
using Rapport.Core.Surveys;
using Rapport.Core.Webhooks;

namespace Rapport.Core.Data;

/// <summary>
/// The EF Core model over the schema that the SQL migrations in <c>Migrations/</c> create; EF never creates tables.
/// Column names are the snake_case of the property names; per-entity configuration lives in <c>Data/Configurations</c>.
/// </summary>
public sealed class RapportDbContext(DbContextOptions<RapportDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<AccountShare> AccountShares => Set<AccountShare>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Contract> Contracts => Set<Contract>();
    public DbSet<BusinessPhase> BusinessPhases => Set<BusinessPhase>();
    public DbSet<Touchpoint> Touchpoints => Set<Touchpoint>();
    public DbSet<Competitor> Competitors => Set<Competitor>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<SurveyItem> SurveyItems => Set<SurveyItem>();
    public DbSet<SurveyPhase> SurveyPhases => Set<SurveyPhase>();
    public DbSet<SurveyTouchpoint> SurveyTouchpoints => Set<SurveyTouchpoint>();
    public DbSet<SurveyCompetitor> SurveyCompetitors => Set<SurveyCompetitor>();
    public DbSet<Wave> Waves => Set<Wave>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ResponseAnswer> ResponseAnswers => Set<ResponseAnswer>();
    public DbSet<AccountTask> Tasks => Set<AccountTask>();
    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<ComplaintEvent> ComplaintEvents => Set<ComplaintEvent>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<ScoringRun> ScoringRuns => Set<ScoringRun>();
    public DbSet<AccountScore> AccountScores => Set<AccountScore>();
    public DbSet<AccountScoreHistory> AccountScoreHistory => Set<AccountScoreHistory>();
    public DbSet<LifecyclePhaseChange> LifecyclePhaseHistory => Set<LifecyclePhaseChange>();
    public DbSet<AccountSignal> Signals => Set<AccountSignal>();
    public DbSet<Playbook> Playbooks => Set<Playbook>();
    public DbSet<PlaybookStep> PlaybookSteps => Set<PlaybookStep>();
    public DbSet<LoyaltyTier> LoyaltyTiers => Set<LoyaltyTier>();
    public DbSet<EarnRule> EarnRules => Set<EarnRule>();
    public DbSet<LoyaltyMember> LoyaltyMembers => Set<LoyaltyMember>();
    public DbSet<LedgerEntry> LoyaltyLedger => Set<LedgerEntry>();
    public DbSet<Reward> Rewards => Set<Reward>();
    public DbSet<Redemption> Redemptions => Set<Redemption>();
    public DbSet<AccountPlan> AccountPlans => Set<AccountPlan>();
    public DbSet<PlanGoal> PlanGoals => Set<PlanGoal>();
    public DbSet<RelationshipMapEntry> RelationshipMap => Set<RelationshipMapEntry>();
    public DbSet<PlanAssessment> PlanAssessments => Set<PlanAssessment>();
    public DbSet<PlanAction> PlanActions => Set<PlanAction>();
    public DbSet<PlanReview> PlanReviews => Set<PlanReview>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RapportDbContext).Assembly);

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() == property.Name)
                {
                    property.SetColumnName(SnakeCase.Convert(property.Name));
                }
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every enum of the domain is stored as its snake_case text (the schema's CHECK constraints use those words),
        // so a feature that adds an enum needs no line here.
        foreach (var type in typeof(RapportDbContext).Assembly.GetExportedTypes().Where(t => t.IsEnum))
        {
            configurationBuilder.Properties(type).HaveConversion(typeof(EnumText.Converter<>).MakeGenericType(type));
        }
    }
}
