"""Small modal dialogs with translated labels (confirm, text, contact, prompts)."""
