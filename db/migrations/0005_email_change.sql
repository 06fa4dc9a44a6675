ALTER TABLE `users` ADD `credential_generation` int unsigned DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `email_tokens_email_idx` ON `email_tokens` (`email`,`purpose`);