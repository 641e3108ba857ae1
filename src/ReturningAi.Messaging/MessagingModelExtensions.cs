using Microsoft.EntityFrameworkCore;

namespace ReturningAi.Messaging;

/// <summary>
/// Maps the outbox and inbox tables into a service's own model, so that its migrations create them in
/// its own database. Names are explicit: the writer and dispatcher use them in plain SQL, whatever
/// naming convention the service uses.
/// </summary>
public static class MessagingModelExtensions
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";
    public const int MaxSourceLength = 200;
    public const int MaxConsumerLength = 200;

    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.ToTable(OutboxTable);
            message.HasKey(m => m.Position).HasName("pk_outbox_messages");
            message.Property(m => m.Position).HasColumnName("position").ValueGeneratedOnAdd();
            message.Property(m => m.Id).HasColumnName("id");
            message.Property(m => m.Source).HasColumnName("source").HasMaxLength(MaxSourceLength);
            message.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(500);
            message.Property(m => m.Body).HasColumnName("body").HasColumnType("jsonb");
            message.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(55);
            message.Property(m => m.WrittenAt).HasColumnName("written_at").HasDefaultValueSql("clock_timestamp()");
            message.Property(m => m.SentAt).HasColumnName("sent_at");
            message.Property(m => m.Error).HasColumnName("error").HasMaxLength(2000);
            // Pending rows in order (sent_at IS NULL, by position) and old sent rows (by sent_at): one index for both.
            message.HasIndex(m => new { m.SentAt, m.Position }).HasDatabaseName("ix_outbox_messages_sent_at_position");
        });
        return modelBuilder;
    }

    public static ModelBuilder AddInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InboxMessage>(message =>
        {
            message.ToTable(InboxTable);
            // The invariant: one effect per consumer and message id, whatever instances race.
            message.HasKey(m => new { m.Consumer, m.MessageId }).HasName("pk_inbox_messages");
            message.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(MaxConsumerLength);
            message.Property(m => m.MessageId).HasColumnName("message_id");
            message.Property(m => m.HandledAt).HasColumnName("handled_at").HasDefaultValueSql("clock_timestamp()");
            message.HasIndex(m => m.HandledAt).HasDatabaseName("ix_inbox_messages_handled_at");
        });
        return modelBuilder;
    }
}
