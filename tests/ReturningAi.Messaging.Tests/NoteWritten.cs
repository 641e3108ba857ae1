namespace ReturningAi.Messaging.Tests;

/// <summary>The tests' event; <see cref="Run"/> tells one test's events from another's on the shared broker.</summary>
public sealed record NoteWritten(string Run, string Source, int Sequence, string Text);
