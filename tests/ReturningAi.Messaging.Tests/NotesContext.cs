using Microsoft.EntityFrameworkCore;

namespace ReturningAi.Messaging.Tests;

public sealed class NotesContext(DbContextOptions<NotesContext> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>(note =>
        {
            note.ToTable("notes");
            note.Property(n => n.Id).HasColumnName("id");
            note.Property(n => n.Text).HasColumnName("text");
            note.HasIndex(n => n.Text).IsUnique();
        });
        modelBuilder.AddOutbox().AddInbox();
    }
}
