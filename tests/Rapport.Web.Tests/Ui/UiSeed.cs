using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Identity;

namespace Rapport.Web.Tests.Ui;

/// <summary>A small, readable customer base for the UI tests, written straight through the DbContext.</summary>
internal sealed class UiSeed : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;

    public UiSeed(string connectionString)
    {
        dataSource = NpgsqlDataSource.Create(connectionString);
        Factory = new PooledDbContextFactory<RapportDbContext>(DataServiceCollectionExtensions.CreateOptions(dataSource));
    }

    public IDbContextFactory<RapportDbContext> Factory { get; }

    public async Task<User> AddUserAsync(string email, string displayName, UserRole role, string? password = null, string language = "en", bool mustChangePassword = false)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var user = new User
        {
            Email = email, DisplayName = displayName, Role = role, PreferredLanguage = language, MustChangePassword = mustChangePassword, CreatedAt = DateTimeOffset.UtcNow,
        };
        if (password is not null)
        {
            user.PasswordHash = new PasswordHasher<User>().HashPassword(user, password);
        }
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public async Task<Account> AddAccountAsync(
        string externalId,
        string name,
        long? ownerId = null,
        Segment segment = Segment.Regular,
        LifecyclePhase? phase = LifecyclePhase.Maturity,
        BusinessType? businessType = BusinessType.Plant,
        bool keyAccount = false,
        string? country = "DE")
    {
        await using var db = await Factory.CreateDbContextAsync();
        var account = new Account
        {
            ExternalId = externalId,
            Name = name,
            OwnerUserId = ownerId,
            Segment = segment,
            LifecyclePhase = phase,
            LifecyclePhaseSince = phase is null ? null : new DateOnly(2025, 3, 1),
            BusinessType = businessType,
            KeyAccount = keyAccount,
            Country = country,
            Industry = "Machinery",
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    public async Task ShareAsync(long accountId, long userId)
    {
        await using var db = await Factory.CreateDbContextAsync();
        db.AccountShares.Add(new AccountShare { AccountId = accountId, UserId = userId });
        await db.SaveChangesAsync();
    }

    public async Task<Contact> AddContactAsync(long accountId, string firstName, string lastName, BuyingRole? role, bool active = true, params (ConsentPurpose Purpose, bool Granted)[] consents)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var contact = new Contact
        {
            AccountId = accountId,
            ExternalId = "C-" + Guid.NewGuid().ToString("N")[..10],
            FirstName = firstName,
            LastName = lastName,
            Email = $"{firstName}.{lastName}@customer.example".ToLowerInvariant(),
            JobTitle = role == BuyingRole.Decider ? "Managing Director" : "Purchasing",
            BuyingRole = role,
            IsActive = active,
            InactiveSince = active ? null : new DateOnly(2025, 6, 30),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        foreach (var (purpose, granted) in consents)
        {
            db.Consents.Add(new Consent { ContactId = contact.Id, AccountId = accountId, Purpose = purpose, Granted = granted, Source = "test", RecordedAt = DateTimeOffset.UtcNow });
        }
        await db.SaveChangesAsync();
        return contact;
    }

    /// <summary>One order with one line of <paramref name="amount"/> on <paramref name="date"/>.</summary>
    public async Task AddOrderAsync(long accountId, DateOnly date, decimal amount)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var order = new Order { OrderNo = "SO-" + Guid.NewGuid().ToString("N")[..10], AccountId = accountId, OrderDate = date, CreatedAt = DateTimeOffset.UtcNow };
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        db.OrderLines.Add(new OrderLine { OrderId = order.Id, AccountId = accountId, OrderDate = date, LineNo = 1, NetAmount = amount, ProductCategory = "Spare parts" });
        await db.SaveChangesAsync();
    }

    public async Task AddInteractionAsync(long accountId, long? contactId, DateTimeOffset at, InteractionChannel channel, string touchpointCode, string phaseCode, string subject)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var touchpoint = await db.Touchpoints.SingleAsync(t => t.Code == touchpointCode);
        var phase = await db.BusinessPhases.SingleAsync(p => p.Code == phaseCode);
        db.Interactions.Add(new Interaction
        {
            AccountId = accountId,
            ContactId = contactId,
            OccurredAt = at,
            Channel = channel,
            TouchpointId = touchpoint.Id,
            PhaseId = phase.Id,
            Direction = InteractionDirection.Outbound,
            Subject = subject,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    public async Task AddContractAsync(long accountId, DateOnly start, DateOnly? end, int? noticeDays, bool autoRenew, decimal? annualValue, DateOnly? terminatedOn = null)
    {
        await using var db = await Factory.CreateDbContextAsync();
        db.Contracts.Add(new Contract
        {
            ContractNo = "K-" + Guid.NewGuid().ToString("N")[..8],
            AccountId = accountId,
            StartDate = start,
            EndDate = end,
            NoticeDays = noticeDays,
            AutoRenew = autoRenew,
            AnnualValue = annualValue,
            TerminatedOn = terminatedOn,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    public async Task<string> PreferredLanguageAsync(long userId)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.PreferredLanguage).SingleAsync();
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
