using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Core.Auditing;
using Rapport.Core.Common;
using Rapport.Core.Data;
using Rapport.Core.Identity;

namespace Rapport.Core.Accounts.Records;

/// <summary>
/// Create, replace and delete of accounts and the records they own (contacts, orders, contracts, interactions), the
/// same path for each: the import rules → account visible and writable by the caller → duplicate key → save with
/// its audit entry (docs/security.md#audit-log). What differs per record type lives in its <see cref="AccountRecordKind{TEntity, TInput, TValues}"/>.
/// </summary>
public sealed class AccountRecords(RapportDbContext db, TimeProvider clock)
{
    /// <summary>Creates a record; the value is its new id.</summary>
    public async Task<Result<long>> CreateAsync<TEntity, TInput, TValues>(AccountRecordKind<TEntity, TInput, TValues> kind, Caller user,
        TInput input, CancellationToken ct)
        where TEntity : class
        where TValues : class
    {
        var errors = new FieldErrors();
        var values = await kind.ValidateAsync(db, user, input, null, errors, ct);
        if (errors.Any || values is null)
        {
            return Error.Validation(errors);
        }
        if (kind.Authorize(user, values, null) is { } forbidden)
        {
            return forbidden;
        }
        if (await kind.FindDuplicateAsync(db, values, null, ct) is { } duplicate)
        {
            return duplicate;
        }
        var entity = kind.Create(values, user, clock.GetUtcNow());
        db.Add(entity);
        return await SaveAsync(kind, user, AuditTrail.Create, entity, values, kind.CreateDetails(entity, input), null, ct);
    }

    /// <summary>Replaces record <paramref name="id"/>; records outside the caller's writable accounts are not found.</summary>
    public async Task<Result<long>> UpdateAsync<TEntity, TInput, TValues>(AccountRecordKind<TEntity, TInput, TValues> kind, Caller user,
        long id, TInput input, CancellationToken ct)
        where TEntity : class
        where TValues : class
    {
        var entity = await kind.FindForWriteAsync(db, id, ct);
        if (entity is null || !await AccountWriteScope.CanWriteAsync(db, user, kind.AccountIdOf(entity), ct))
        {
            return Error.NotFound(kind.Entity, id);
        }
        var errors = new FieldErrors();
        var values = await kind.ValidateAsync(db, user, input, entity, errors, ct);
        if (errors.Any || values is null)
        {
            return Error.Validation(errors);
        }
        if (kind.Authorize(user, values, entity) is { } forbidden)
        {
            return forbidden;
        }
        if (await kind.FindDuplicateAsync(db, values, entity, ct) is { } duplicate)
        {
            return duplicate;
        }
        var now = clock.GetUtcNow();
        kind.Apply(db, entity, values, user, now);
        if (!kind.SavesUnchanged && !db.ChangeTracker.HasChanges())
        {
            return id;
        }
        kind.Touch(entity, now);
        return await SaveAsync(kind, user, AuditTrail.Update, entity, values, null, kind.AfterFirstSave(entity, values), ct);
    }

    /// <summary>Deletes record <paramref name="id"/>; records outside the caller's writable accounts are not found.</summary>
    public async Task<Result> DeleteAsync<TEntity, TInput, TValues>(AccountRecordKind<TEntity, TInput, TValues> kind, Caller user,
        long id, CancellationToken ct)
        where TEntity : class
        where TValues : class
    {
        var entity = await kind.FindForWriteAsync(db, id, ct);
        if (entity is null || !await AccountWriteScope.CanWriteAsync(db, user, kind.AccountIdOf(entity), ct))
        {
            return Error.NotFound(kind.Entity, id);
        }
        if (kind.AuthorizeDelete(user, entity) is { } forbidden)
        {
            return forbidden;
        }
        db.Remove(entity);
        await AuditTrail.SaveAsync(db, user, AuditTrail.Delete, kind.Entity, () => IdText(kind, entity), kind.DeleteDetails(entity), ct);
        return Result.Ok();
    }

    /// <summary>
    /// Saves with the audit entry. Two requests with the same key can both pass the duplicate check; the unique index
    /// stops the second, which gets the same conflict as if the check had seen the first.
    /// </summary>
    private async Task<Result<long>> SaveAsync<TEntity, TInput, TValues>(AccountRecordKind<TEntity, TInput, TValues> kind, Caller user,
        string action, TEntity entity, TValues values, object? details, Action? then, CancellationToken ct)
        where TEntity : class
        where TValues : class
    {
        try
        {
            await AuditTrail.SaveAsync(db, user, action, kind.Entity, () => IdText(kind, entity), details, ct, then);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return kind.SaveConflict(values);
        }
        return kind.IdOf(entity);
    }

    private static string IdText<TEntity, TInput, TValues>(AccountRecordKind<TEntity, TInput, TValues> kind, TEntity entity)
        where TEntity : class
        where TValues : class =>
        kind.IdOf(entity).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// What <see cref="AccountRecords"/> needs to know about one record type: how to load, check, build and change it.
/// <typeparamref name="TValues"/> is a request that passed the rules, with its references resolved.
/// </summary>
public abstract class AccountRecordKind<TEntity, TInput, TValues>
    where TEntity : class
    where TValues : class
{
    /// <summary>The entity name in messages and the audit log (<c>contact</c>).</summary>
    public abstract string Entity { get; }

    /// <summary>The tracked row with whatever an update replaces (e.g. the order lines), or null.</summary>
    public abstract Task<TEntity?> FindForWriteAsync(RapportDbContext db, long id, CancellationToken ct);

    public abstract long IdOf(TEntity entity);

    /// <summary>The account whose write access governs the record.</summary>
    public abstract long AccountIdOf(TEntity entity);

    /// <summary>
    /// Checks <paramref name="input"/> by the import rules and resolves its references — the account among those the
    /// caller may write to; <paramref name="existing"/> is the record being replaced, null on create.
    /// </summary>
    public abstract Task<TValues?> ValidateAsync(RapportDbContext db, Caller user, TInput input, TEntity? existing, FieldErrors errors,
        CancellationToken ct);

    /// <summary>A role restriction beyond the account scope, or null.</summary>
    public virtual Error? Authorize(Caller user, TValues values, TEntity? existing) => null;

    public virtual Error? AuthorizeDelete(Caller user, TEntity entity) => null;

    /// <summary>The conflict when another record has the key of <paramref name="values"/>, or null.</summary>
    public abstract Task<Error?> FindDuplicateAsync(RapportDbContext db, TValues values, TEntity? existing, CancellationToken ct);

    /// <summary>The conflict when the unique index rejects the save (a concurrent request took the key).</summary>
    public abstract Error SaveConflict(TValues values);

    public abstract TEntity Create(TValues values, Caller user, DateTimeOffset now);

    public abstract void Apply(RapportDbContext db, TEntity entity, TValues values, Caller user, DateTimeOffset now);

    /// <summary>Marks a changed record as updated (e.g. <c>UpdatedAt</c>).</summary>
    public virtual void Touch(TEntity entity, DateTimeOffset now)
    {
    }

    /// <summary>True when a replace is saved and audited even if nothing changed.</summary>
    public virtual bool SavesUnchanged => false;

    /// <summary>Changes to track once the first ones of an update are written; they are saved with the audit entry.</summary>
    public virtual Action? AfterFirstSave(TEntity entity, TValues values) => null;

    /// <summary>The details of the audit entry of a create.</summary>
    public abstract object CreateDetails(TEntity entity, TInput input);

    /// <summary>The details of the audit entry of a delete.</summary>
    public abstract object DeleteDetails(TEntity entity);

    /// <summary>Trimmed text, or null for null/blank.</summary>
    protected static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
