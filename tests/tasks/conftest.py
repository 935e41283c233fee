"""Background work (issue 17): prepared files, the e-mail outbox, the task worker."""
