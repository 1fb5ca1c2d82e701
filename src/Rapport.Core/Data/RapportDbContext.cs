using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Auditing;
using Rapport.Core.Identity;
using Rapport.Core.MasterData;
using Rapport.Core.Surveys;

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
        configurationBuilder.Properties<UserRole>().HaveConversion<EnumText.Converter<UserRole>>();
        configurationBuilder.Properties<BusinessType>().HaveConversion<EnumText.Converter<BusinessType>>();
        configurationBuilder.Properties<AcquisitionChannel>().HaveConversion<EnumText.Converter<AcquisitionChannel>>();
        configurationBuilder.Properties<Segment>().HaveConversion<EnumText.Converter<Segment>>();
        configurationBuilder.Properties<LifecyclePhase>().HaveConversion<EnumText.Converter<LifecyclePhase>>();
        configurationBuilder.Properties<BuyingRole>().HaveConversion<EnumText.Converter<BuyingRole>>();
        configurationBuilder.Properties<ConsentPurpose>().HaveConversion<EnumText.Converter<ConsentPurpose>>();
        configurationBuilder.Properties<InteractionChannel>().HaveConversion<EnumText.Converter<InteractionChannel>>();
        configurationBuilder.Properties<InteractionDirection>().HaveConversion<EnumText.Converter<InteractionDirection>>();
        configurationBuilder.Properties<SurveyItemScale>().HaveConversion<EnumText.Converter<SurveyItemScale>>();
        configurationBuilder.Properties<SurveyItemLevel>().HaveConversion<EnumText.Converter<SurveyItemLevel>>();
        configurationBuilder.Properties<SurveyItemSection>().HaveConversion<EnumText.Converter<SurveyItemSection>>();
        configurationBuilder.Properties<SurveyItemKind>().HaveConversion<EnumText.Converter<SurveyItemKind>>();
        configurationBuilder.Properties<InvitationStatus>().HaveConversion<EnumText.Converter<InvitationStatus>>();
    }
}
