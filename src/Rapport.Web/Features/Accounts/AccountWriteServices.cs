using Rapport.Core.Accounts.Records;
using Rapport.Core.Data;

namespace Rapport.Web.Features.Accounts;

/// <summary>What the write endpoints of the feature need: the use cases, and what reading the written record back takes.</summary>
internal sealed class AccountWriteServices(AccountRecords records, RapportDbContext db, Caller user, TimeProvider clock)
{
    public AccountRecords Records { get; } = records;

    public RapportDbContext Db { get; } = db;

    public Caller User { get; } = user;

    public TimeProvider Clock { get; } = clock;
}
