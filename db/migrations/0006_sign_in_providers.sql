CREATE TABLE `linked_identities` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`provider` varchar(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`subject` varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	`user_id` int unsigned NOT NULL,
	`email` varchar(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
	`linked_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `linked_identities_id` PRIMARY KEY(`id`),
	CONSTRAINT `linked_identities_provider_subject_unique` UNIQUE(`provider`,`subject`),
	CONSTRAINT `linked_identities_user_provider_unique` UNIQUE(`user_id`,`provider`)
);
--> statement-breakpoint
ALTER TABLE `linked_identities` ADD CONSTRAINT `linked_identities_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;