CREATE TABLE `legacy_users` (
	`legacy_id` int unsigned NOT NULL,
	`user_id` int unsigned,
	`imported_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `legacy_users_legacy_id` PRIMARY KEY(`legacy_id`),
	CONSTRAINT `legacy_users_user_id_unique` UNIQUE(`user_id`)
);
--> statement-breakpoint
ALTER TABLE `legacy_users` ADD CONSTRAINT `legacy_users_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;