using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rapport.Core.Events;
using Rapport.Core.Retention;

namespace Rapport.Core.Data.Configurations;

internal sealed class AccountTaskConfiguration : IEntityTypeConfiguration<AccountTask>
{
    public void Configure(EntityTypeBuilder<AccountTask> b)
    {
        b.ToTable("tasks");
        b.HasIndex(x => new { x.AccountId, x.OriginKey }).IsUnique().HasFilter("origin_key IS NOT NULL");
        b.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> b)
    {
        b.ToTable("outbox_events");
        b.Property(x => x.Payload).HasColumnType("jsonb");
    }
}
