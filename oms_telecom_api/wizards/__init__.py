from . import telecom_api_key_wizard
