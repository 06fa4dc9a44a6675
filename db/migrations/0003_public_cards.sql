CREATE TABLE `public_cards` (
	`user_id` int unsigned NOT NULL,
	`published` boolean NOT NULL DEFAULT false,
	`allow_search_engines` boolean NOT NULL DEFAULT false,
	`show_photo` boolean NOT NULL DEFAULT true,
	`show_name` boolean NOT NULL DEFAULT true,
	`show_occupation` boolean NOT NULL DEFAULT true,
	`show_country` boolean NOT NULL DEFAULT true,
	`show_description` boolean NOT NULL DEFAULT true,
	`show_links` boolean NOT NULL DEFAULT true,
	`show_home_address` boolean NOT NULL DEFAULT false,
	`show_email` boolean NOT NULL DEFAULT false,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `public_cards_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
ALTER TABLE `public_cards` ADD CONSTRAINT `public_cards_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;