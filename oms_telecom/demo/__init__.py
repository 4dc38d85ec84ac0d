from . import telecom_order_demo
