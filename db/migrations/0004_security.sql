CREATE TABLE `login_throttles` (
	`key` char(43) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`failures` smallint unsigned NOT NULL DEFAULT 0,
	`locked_until` datetime(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `login_throttles_key` PRIMARY KEY(`key`)
);
--> statement-breakpoint
CREATE TABLE `security_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` int unsigned NOT NULL,
	`type` varchar(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`ip` varchar(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
	`user_agent` varchar(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
	CONSTRAINT `security_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `security_events` ADD CONSTRAINT `security_events_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `login_throttles_updated_idx` ON `login_throttles` (`updated_at`);--> statement-breakpoint
CREATE INDEX `security_events_user_idx` ON `security_events` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `security_events_at_idx` ON `security_events` (`at`);