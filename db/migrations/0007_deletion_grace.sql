ALTER TABLE `users` ADD `deletes_at` datetime(3);--> statement-breakpoint
CREATE INDEX `users_deletes_at_idx` ON `users` (`deletes_at`);