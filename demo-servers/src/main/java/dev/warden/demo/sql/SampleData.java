package dev.warden.demo.sql;

import java.util.List;

/** The schema and rows a fresh demo database starts with: a small shop with users, products and orders. */
final class SampleData {

    private SampleData() {}

    static final List<String> SCHEMA = List.of("""
            CREATE TABLE users (
              id INTEGER PRIMARY KEY,
              username TEXT NOT NULL UNIQUE,
              email TEXT NOT NULL UNIQUE,
              full_name TEXT NOT NULL,
              role TEXT NOT NULL,
              team TEXT NOT NULL,
              created_at TEXT NOT NULL
            )""", """
            CREATE TABLE products (
              id INTEGER PRIMARY KEY,
              sku TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL,
              category TEXT NOT NULL,
              price_cents INTEGER NOT NULL,
              stock INTEGER NOT NULL
            )""", """
            CREATE TABLE orders (
              id INTEGER PRIMARY KEY,
              user_id INTEGER NOT NULL REFERENCES users(id),
              product_id INTEGER NOT NULL REFERENCES products(id),
              quantity INTEGER NOT NULL,
              total_cents INTEGER NOT NULL,
              status TEXT NOT NULL,
              ordered_at TEXT NOT NULL
            )""");

    static final String USERS = """
            INSERT INTO users (id, username, email, full_name, role, team, created_at) VALUES
              (1, 'alice', 'alice@example.com', 'Alice Johnson', 'developer', 'platform', '2024-01-15T09:12:00Z'),
              (2, 'bob', 'bob@example.com', 'Bob Smith', 'analyst', 'data', '2024-02-03T14:40:00Z'),
              (3, 'carol', 'carol@example.com', 'Carol Davis', 'admin', 'security', '2023-11-20T08:05:00Z'),
              (4, 'dave', 'dave@example.com', 'Dave Wilson', 'developer', 'payments', '2024-03-11T16:22:00Z'),
              (5, 'erin', 'erin@example.com', 'Erin Martinez', 'analyst', 'growth', '2024-04-02T10:00:00Z'),
              (6, 'frank', 'frank@example.com', 'Frank Brown', 'developer', 'web', '2024-05-19T11:31:00Z'),
              (7, 'grace', 'grace@example.com', 'Grace Lee', 'viewer', 'support', '2024-06-07T13:45:00Z'),
              (8, 'heidi', 'heidi@example.com', 'Heidi Clark', 'developer', 'platform', '2024-07-23T07:58:00Z')""";

    static final String PRODUCTS = """
            INSERT INTO products (id, sku, name, category, price_cents, stock) VALUES
              (1, 'KB-101', 'Mechanical Keyboard', 'peripherals', 8999, 42),
              (2, 'MS-220', 'Wireless Mouse', 'peripherals', 2999, 130),
              (3, 'MN-270', '27" 4K Monitor', 'displays', 32999, 17),
              (4, 'HD-050', 'Noise-Cancelling Headphones', 'audio', 19999, 25),
              (5, 'DK-310', 'USB-C Docking Station', 'accessories', 14999, 8),
              (6, 'CH-900', 'Ergonomic Office Chair', 'furniture', 45999, 5),
              (7, 'WC-120', '1080p Webcam', 'peripherals', 5999, 64),
              (8, 'SD-001', 'Standing Desk', 'furniture', 59999, 3)""";

    static final String ORDERS = """
            INSERT INTO orders (id, user_id, product_id, quantity, total_cents, status, ordered_at) VALUES
              (1, 1, 1, 1, 8999, 'delivered', '2024-08-01T10:15:00Z'),
              (2, 1, 2, 2, 5998, 'delivered', '2024-08-01T10:15:00Z'),
              (3, 2, 3, 1, 32999, 'shipped', '2024-08-14T15:02:00Z'),
              (4, 3, 6, 1, 45999, 'delivered', '2024-08-20T09:30:00Z'),
              (5, 4, 4, 1, 19999, 'processing', '2024-09-02T18:44:00Z'),
              (6, 5, 7, 3, 17997, 'delivered', '2024-09-05T12:10:00Z'),
              (7, 6, 5, 1, 14999, 'cancelled', '2024-09-09T08:25:00Z'),
              (8, 7, 2, 1, 2999, 'delivered', '2024-09-12T17:05:00Z'),
              (9, 8, 8, 1, 59999, 'shipped', '2024-09-18T11:11:00Z'),
              (10, 2, 1, 1, 8999, 'processing', '2024-09-21T14:37:00Z'),
              (11, 4, 3, 2, 65998, 'delivered', '2024-09-25T10:50:00Z'),
              (12, 1, 4, 1, 19999, 'shipped', '2024-10-01T09:00:00Z')""";
}
