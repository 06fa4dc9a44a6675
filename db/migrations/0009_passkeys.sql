CREATE TABLE `passkey_challenges` (
	`challenge` varchar(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`purpose` varchar(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`user_id` int unsigned,
	`expires_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `passkey_challenges_challenge` PRIMARY KEY(`challenge`)
);
--> statement-breakpoint
CREATE TABLE `passkeys` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`user_id` int unsigned NOT NULL,
	`credential_id` varchar(1400) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`public_key` varchar(2048) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	`counter` bigint unsigned NOT NULL DEFAULT 0,
	`transports` varchar(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '',
	`backup_eligible` boolean NOT NULL DEFAULT false,
	`backup_state` boolean NOT NULL DEFAULT false,
	`name` varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`last_used_at` datetime(3),
	CONSTRAINT `passkeys_id` PRIMARY KEY(`id`),
	CONSTRAINT `passkeys_credential_id_unique` UNIQUE(`credential_id`)
);
--> statement-breakpoint
ALTER TABLE `passkey_challenges` ADD CONSTRAINT `passkey_challenges_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `passkeys` ADD CONSTRAINT `passkeys_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `passkey_challenges_expires_at_idx` ON `passkey_challenges` (`expires_at`);--> statement-breakpoint
CREATE INDEX `passkeys_user_idx` ON `passkeys` (`user_id`);