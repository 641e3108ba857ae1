using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReturningAi.Store.Model;

namespace ReturningAi.Store.Infrastructure.EntityConfigurations;

internal sealed class HandledCommandEntityTypeConfiguration : IEntityTypeConfiguration<HandledCommand>
{
    public void Configure(EntityTypeBuilder<HandledCommand> builder)
    {
        builder.ToTable("handled_commands");
        builder.HasKey(h => h.MessageId);
        builder.Property(h => h.CommunityId).HasMaxLength(24).IsFixedLength();
        builder.Property(h => h.Reply).HasColumnType("jsonb");
    }
}
